import { ratioRun, UNDERNEATH } from './capacity-fixture.ts';
import { formatCapacityReport, type ReportInput, statementsPerOrder } from './capacity-report.ts';
import { judge } from './capacity-targets.ts';

const runs = [ratioRun(0.1), ratioRun(1, { cpuMs: 350 })];
const input: ReportInput = {
  date: '2026-12-02T18:00:00.000Z',
  machine: { platform: 'linux', cores: 2, memoryGb: 24, node: 'v24.21.0', cpuModel: 'AMD EPYC' },
  elsewhere: { loadBefore: '1.00, 1.00, 1.00', loadAfter: '2.00, 2.00, 2.00', busiestBefore: 'java', busiestAfter: 'java' },
  settings: { ratios: [0.1, 1], stepS: 15, measuredS: 30, settleS: 10, warmupS: 10, portBase: 3900, customers: 20, skus: ['A'], limitsLifted: 'limits lifted', ticksPerSecond: 100 },
  runs,
  underneath: UNDERNEATH,
  verdicts: judge(runs),
};

describe('the capacity report', () => {
  const report = formatCapacityReport(input);

  it('tabulates each process of the measured run, the shop summed, and apart what is not the shop', () => {
    // Idle 5 ms/s over the 30 s window: 150 of its 300 ms, so 1.5 ms per order beyond idle.
    expect(report).toContain('| order | 1 (1) | 0.30 | 3.00 | 5 | 1.50 | 100 |');
    expect(report).toContain('| postgres | 22 (20 kept, 1 exited, 2 appeared) | 0.30 | 3.00 | 5 | 1.50 | – |');
    expect(report).toContain('| **the shop, summed** |  | **2.70** | **27.00** | 45 | 13.50 | apps: 700 |');
    expect(report).toContain('| (bench (this process), not in the sum) | 1 (1) | 5.00 | 50.00 | 0 | 50.00 | – |');
  });

  it('gives the cost per order underneath without the background, and the share of the measured limits', () => {
    // Messages: 1,500 in 50 s, background 2/s → (1,500 - 100) / 100 = 14 per order; commits: (4,000 - 1,500) / 100 = 25.
    expect(report).toContain('**14.0 Kafka messages and 25.0 commits per order**');
    // At 25/s: 2 + 25 × 14 = 352 messages/s of 15,000 (2.3%); 30 + 25 × 25 = 655 commits/s of 1,600 (40.9%).
    expect(report).toContain('| 25/s | 352 | 2.3% | 655 | 40.9% |');
    expect(report).toContain('| 50/s | 702 | 4.7% | 1280 | 80.0% |');
  });

  it('gives the statements per order of each database without the background, or says why they were not counted', () => {
    const measured = ratioRun(0.1).measured!;
    // 50 s counted, 100 orders; idle, order ran 100 statements in 10 s (10/s): (2,200 - 10 × 50) / 100 = 17; history none: 900 / 100 = 9.
    measured.statements = { shop_order: 2_200, shop_history: 900 };
    measured.idle.statements = { shop_order: 100, shop_history: 0 };
    expect(statementsPerOrder(measured)).toBe(
      "**26.0 statements per order** sent to PostgreSQL (pg_stat_statements' calls, BEGIN and COMMIT included: each a round trip from an app or a relay; " +
        'background 10.0/s taken out): shop_order 17.0, shop_history 9.0.',
    );
    expect(statementsPerOrder(ratioRun(0.1).measured!)).toContain('Statements per order: not counted (pg_stat_statements could not be read;');
  });

  it('says when a young broker was given load first, and nothing when it was not', () => {
    expect(report).toContain('Settings: ratios 0.1, 1 (SHOP_TRACE_SAMPLE_RATIO of the apps); a warm-up of 10 s at 2/s');
    const young = formatCapacityReport({ ...input, settings: { ...input.settings, brokerWarmup: { ageS: 42, rate: 10, durationS: 60 } } });
    expect(young).toContain('(SHOP_TRACE_SAMPLE_RATIO of the apps); Kafka had been up 42 s, so first 60 s at 10/s while its JIT compiled (not counted); a warm-up of 10 s');
  });

  it('warns only when the shop\'s consumer groups had other members', () => {
    expect(report).not.toContain('Warning');
    const shared = [ratioRun(0.1), ratioRun(1)];
    shared[1]!.measured!.groupMembers = { email: 2, history: 1 };
    expect(formatCapacityReport({ ...input, runs: shared })).toContain('> **Warning: the shop\'s consumer groups were shared during the measured run** (ratio 1: email 2 members).');
  });

  it('gives the machine\'s speed during the window and the CPU per order at the reference speed', () => {
    // 27 ms per order for the shop, 21 for the seven apps, on a machine 1.1× slower than the reference.
    expect(report).toContain('took **18.70 ms** of CPU on average over 60 slices, 1.10× the reference 17 ms');
    expect(report).toContain('**At the reference speed: 24.5 ms per decided order, the apps 19.1.**');
    const unmeasured = ratioRun(0.1);
    delete unmeasured.measured!.speed;
    expect(formatCapacityReport({ ...input, runs: [unmeasured] })).toContain('Machine speed: not measured');
  });

  it('lists the targets with their verdicts, and the limits measured underneath', () => {
    expect(report).toContain('| CPU per decided order, all processes, at ratio 0.1 ≤ 45 ms | 27.0 ms | pass |');
    expect(report).toContain('| ProducerPerformance, acks=all, idempotent (as the outbox relay) | **15000** | 9.50 |');
    expect(report).toContain('**1600 transactions/s**');
    expect(report).toContain('**Maximum sustained: 50 orders/s** (the lowest rate not sustained, 75/s: errors 2.0% > 1%).');
  });
});
