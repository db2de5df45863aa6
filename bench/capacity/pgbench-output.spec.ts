import { parsePgbench } from './pgbench-output.ts';

const OUTPUT = `pgbench (15.14 (Debian 15.14-0+deb12u1))
transaction type: /tmp/consumer.sql
scaling factor: 1
query mode: simple
number of clients: 4
number of threads: 2
maximum number of tries: 1
duration: 15 s
number of transactions actually processed: 12345
number of failed transactions: 0 (0.000%)
latency average = 4.861 ms
initial connection time = 12.345 ms
tps = 822.834712 (without initial connection time)
`;

describe('parsePgbench', () => {
  it('reads tps, the transactions, the failures and the mean latency', () => {
    expect(parsePgbench(OUTPUT)).toEqual({ tps: 822.834712, transactions: 12_345, failed: 0, latencyAvgMs: 4.861 });
  });

  it('takes no failure line as none failed', () => {
    expect(parsePgbench(OUTPUT.replace(/^number of failed.*\n/m, '')).failed).toBe(0);
  });

  it('says so when pgbench printed no figures (it failed)', () => {
    expect(() => parsePgbench('pgbench: error: connection to server failed')).toThrow('pgbench printed no tps');
  });
});
