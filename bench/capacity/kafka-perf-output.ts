// The figures Kafka's perf tools print (kafka-tools 4.3): ProducerPerformance's
// final summary line, ConsumerPerformance's CSV header and row.

export interface ProducerFigures {
  records: number;
  recordsPerSecond: number;
  mbPerSecond: number;
  avgLatencyMs: number;
  p99LatencyMs: number | undefined;
}

/**
 * The last summary line: "50000 records sent, 7628.9 records/sec (4.37 MB/sec),
 * 2276.42 ms avg latency, 3278.00 ms max latency, 2705 ms 50th, 2998 ms 95th,
 * 3154 ms 99th, 3271 ms 99.9th." (the progress lines before it have no percentiles).
 */
export function parseProducerPerformance(output: string): ProducerFigures {
  const summary = output
    .split('\n')
    .filter((line) => / records sent, .* ms 50th/.test(line))
    .at(-1);
  const match = summary && /(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+) ms avg latency.*?, (\d+(?:\.\d+)?) ms 99th/.exec(summary);
  if (!match) throw new Error(`no summary line in ProducerPerformance's output:\n${output.slice(-500)}`);
  return {
    records: Number(match[1]),
    recordsPerSecond: Number(match[2]),
    mbPerSecond: Number(match[3]),
    avgLatencyMs: Number(match[4]),
    p99LatencyMs: Number(match[5]),
  };
}

export interface ConsumerFigures {
  records: number;
  recordsPerSecond: number;
  mbPerSecond: number;
  /** Without the group's join (rebalance.time.ms): the fetching alone. */
  fetchRecordsPerSecond: number;
  fetchMbPerSecond: number;
}

/** "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec" and its row. */
export function parseConsumerPerformance(output: string): ConsumerFigures {
  const lines = output.split('\n').map((line) => line.trim());
  const headerAt = lines.findIndex((line) => line.startsWith('start.time,'));
  const row = headerAt >= 0 ? lines[headerAt + 1] : undefined;
  if (!row) throw new Error(`no figures in ConsumerPerformance's output:\n${output.slice(-500)}`);
  const names = lines[headerAt]!.split(',').map((name) => name.trim());
  const values = row.split(',').map((value) => value.trim());
  const value = (name: string) => {
    const parsed = Number(values[names.indexOf(name)]);
    if (!Number.isFinite(parsed)) throw new Error(`ConsumerPerformance: no ${name} in "${row}"`);
    return parsed;
  };
  return {
    records: value('data.consumed.in.nMsg'),
    recordsPerSecond: value('nMsg.sec'),
    mbPerSecond: value('MB.sec'),
    fetchRecordsPerSecond: value('fetch.nMsg.sec'),
    fetchMbPerSecond: value('fetch.MB.sec'),
  };
}
