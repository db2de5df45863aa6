import { cpuPerOrder, type FaultFigures, formatScaleReport, type LayoutRun, layoutName } from './scale-report.ts';

const latency = (p50: number, p99: number, max: number) => ({ count: 100, p50, p90: p99, p99, max });
const fault = (max: number, failures: Record<string, number> = {}): FaultFigures => ({
  sent: 160,
  accepted: 160 - Object.values(failures).reduce((a, b) => a + b, 0),
  failures,
  decided: 150,
  undecided: 0,
  dueToDecided: latency(80, max / 2, max),
  peakLag: 12,
});

function run(brokers: number, replicas: number, scale: number): LayoutRun {
  return {
    layout: { brokers, replicas },
    startS: 20 * scale,
    steady: {
      decided: 200,
      failures: {},
      dueToDecided: latency(70, 200 * scale, 400),
      cpuMs: { apps: 40_000 * scale, kafka: 6_000 * scale, postgres: 3_000, others: 1_000 },
      memoryMb: { apps: 1_000 * scale, kafka: 500 * scale, postgres: 100, others: 200 },
    },
    appKill: fault(8_000 / scale, replicas === 1 ? { 502: 3, network: 2 } : {}),
    brokerKill: fault(12_000 / scale),
  };
}

const input = {
  date: '2026-12-03',
  machine: { cpus: 2, memoryGiB: 24, loadBefore: '0.50', loadAfter: '1.50', busiest: 'node ...' },
  rate: 4,
  steadyS: 60,
  faultS: 40,
  brokerDownS: 10,
  command: './shop bench scale',
  runs: [run(1, 1, 1), run(1, 2, 2)],
};

describe('the scale report', () => {
  it('names each layout', () => {
    expect(layoutName({ brokers: 1, replicas: 1 })).toBe('1 broker × 1 replica');
    expect(layoutName({ brokers: 3, replicas: 2 })).toBe('3 brokers × 2 replicas');
  });

  it('divides the CPU of every process, and of each part, by the orders decided', () => {
    expect(cpuPerOrder(input.runs[0]!)).toBe(250);
    expect(cpuPerOrder(input.runs[0]!, 'apps')).toBe(200);
    expect(cpuPerOrder({ ...input.runs[0]!, steady: { ...input.runs[0]!.steady, decided: 0 } })).toBeUndefined();
  });

  it('has one column per layout and the fault figures as the customers saw them', () => {
    const report = formatScaleReport(input);
    expect(report).toContain('|  | 1 broker × 1 replica | 1 broker × 2 replicas |');
    expect(report).toContain('| CPU per order, all processes | 250.0 ms | 480.0 ms |');
    expect(report).toContain('| refused or unanswered | 502 3, network 2 | none |');
    expect(report).toContain('| slowest order (due→decided) | 8.0 s | 4.0 s |');
  });

  it('gives every other layout as ratios to one broker and one replica', () => {
    const report = formatScaleReport(input);
    expect(report).toContain('| CPU per order | 1.00× | 1.92× |');
    expect(report).toContain('| slowest order, app kill | 1.00× | 0.50× |');
    expect(report).toContain('| memory (all processes) | 1.00× | 1.83× |');
  });
});
