import { parseConsumerPerformance, parseProducerPerformance } from './kafka-perf-output.ts';

describe('ProducerPerformance output', () => {
  it('reads the final summary, not the progress lines before it', () => {
    const output = [
      'Option --producer-props has been deprecated and will be removed in a future version. Use --command-property instead.',
      '23479 records sent, 4694.9 records/sec (2.69 MB/sec), 1624.6 ms avg latency, 2620.0 ms max latency.',
      '50000 records sent, 7628.928898 records/sec (4.37 MB/sec), 2276.42 ms avg latency, 3278.00 ms max latency, 2705 ms 50th, 2998 ms 95th, 3154 ms 99th, 3271 ms 99.9th.',
      '',
    ].join('\n');
    expect(parseProducerPerformance(output)).toEqual({ records: 50_000, recordsPerSecond: 7628.928898, mbPerSecond: 4.37, avgLatencyMs: 2276.42, p99LatencyMs: 3154 });
  });

  it('says so when the tool printed no summary (it failed)', () => {
    expect(() => parseProducerPerformance('Exception in thread "main" org.apache.kafka.common.errors.TimeoutException')).toThrow('no summary line');
  });
});

describe('ConsumerPerformance output', () => {
  it('reads the row under the header by name', () => {
    const output = [
      'Warning: --messages is deprecated. Use --num-records instead.',
      'start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec',
      '2026-12-02 18:28:05:141, 2026-12-02 18:28:08:945, 28.6102, 7.5211, 50000, 13144.0589, 1866, 1938, 14.7628, 25799.7936',
    ].join('\n');
    expect(parseConsumerPerformance(output)).toEqual({ records: 50_000, recordsPerSecond: 13144.0589, mbPerSecond: 7.5211, fetchRecordsPerSecond: 25799.7936, fetchMbPerSecond: 14.7628 });
  });

  it('says so when there is no row', () => {
    expect(() => parseConsumerPerformance('WARN timed out')).toThrow('no figures');
  });
});
