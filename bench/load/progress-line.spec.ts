import { LoadStats } from './load-stats.ts';
import { formatProgress, progressWriter } from './progress-line.ts';
import { formatSummary } from './summary-table.ts';

function statsOfASecond(): LoadStats {
  const stats = new LoadStats();
  for (let i = 0; i < 9; i++) stats.answered(202, 10 + i);
  stats.answered(429, 3);
  stats.failed('network');
  stats.failed('dropped');
  stats.decided('confirmed', 80, 95);
  stats.decided('rejected', 120, 140);
  stats.decided('cancelled', 40, 60);
  return stats;
}

describe('the progress line', () => {
  it('says the last second’s rates and latencies, the run’s counts, errors by status and each group’s lag', () => {
    const stats = statsOfASecond();
    const line = formatProgress({ elapsedS: 12, window: stats.takeWindow(), windowS: 1, total: stats.figures(), lag: { email: 4, inventory: 0 } });
    expect(line).toBe(
      '  12s | sent 11.0/s | accepted 9 | decided 3 (3.0/s) | POST p50 13.0 p99 18.0 ms | placed→decided p50 80.1 p99 120 ms | errors 429 1, dropped 1, network 1 | lag email 4 inventory 0',
    );
  });

  it('starts a new window each time and says when the lag could not be read', () => {
    const stats = statsOfASecond();
    stats.takeWindow();
    const line = formatProgress({ elapsedS: 13, window: stats.takeWindow(), windowS: 1, total: stats.figures(), lag: undefined });
    expect(line).toContain('sent 0.0/s');
    expect(line).toContain('accepted 9');
    expect(line).toContain('lag ?');
  });

  it('rewrites one line on a terminal and writes plain lines elsewhere', () => {
    const written: string[] = [];
    const stream = (isTTY: boolean) => ({ isTTY, columns: 80, write: (text: string) => written.push(text) }) as unknown as NodeJS.WriteStream;
    const tty = progressWriter(stream(true));
    tty.line('a');
    tty.done();
    progressWriter(stream(false)).line('b');
    expect(written).toEqual(['\r\x1b[2Ka', '\n', 'b\n']);
  });
});

describe('the summary table', () => {
  it('has the counts, the rate achieved, the latencies and the limits in force', () => {
    const table = formatSummary({ rateAsked: 10, durationS: 1, customers: 20, figures: statsOfASecond().figures(), undecided: 2, limits: { writes: '60', reads: '600' } });
    expect(table).toContain('| rate achieved (sent) | 11.00/s |');
    expect(table).toContain('| decided | 3: confirmed 1, rejected 1, cancelled 1 |');
    expect(table).toContain('| accepted, not decided at the end | 2 |');
    expect(table).toContain('| errors | 429 1, dropped 1, network 1 |');
    expect(table).toMatch(/\| placed→decided \(ce_time to ce_time\) \| 3 \| 80\.\d \| 120 \| 120 \| 120 \|/);
    expect(table).toContain('each caller 60 writes and 600 reads per window');
    expect(table).toContain('RATE_LIMIT_WRITES=1000000 RATE_LIMIT_READS=1000000 ./shop up');
  });
});
