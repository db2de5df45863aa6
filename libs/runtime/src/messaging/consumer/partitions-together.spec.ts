import type { Delivery } from './delivery.js';
import { type HandleTogether, PartitionsTogether } from './partitions-together.js';

const deliveries = (partition: number, ...offsets: string[]): Delivery[] =>
  offsets.map((offset) => ({ topic: 't', partition, message: { offset } as Delivery['message'] }));
const heartbeat = async () => undefined;
const partitionsOf = (runs: readonly (readonly Delivery[])[]) => runs.map((run) => run.map(({ partition, message }) => `${partition}:${message.offset}`));

/** A processTogether that records its calls and answers each with `answer` (by default: every run done). */
function recordingHandler(answer: (runs: readonly (readonly Delivery[])[]) => number[] = (runs) => runs.map((run) => run.length)) {
  const calls: string[][][] = [];
  const handle: HandleTogether = async (runs) => {
    calls.push(partitionsOf(runs));
    return answer(runs);
  };
  return { calls, handle };
}

describe('PartitionsTogether', () => {
  it('handles the runs joined in the same turn in one call, and tells each caller its own count', async () => {
    const { calls, handle } = recordingHandler((runs) => runs.map((run) => run.length - 1));
    const together = new PartitionsTogether(handle);
    const done = await Promise.all([
      together.join(deliveries(0, '1', '2', '3'), heartbeat),
      together.join(deliveries(1, '7'), heartbeat),
      together.join(deliveries(2, '4', '5'), heartbeat),
    ]);
    expect(calls).toEqual([[['0:1', '0:2', '0:3'], ['1:7'], ['2:4', '2:5']]]);
    expect(done).toEqual([2, 0, 1]);
  });

  it('starts the next transaction with a run that joins while one is under way', async () => {
    let release!: () => void;
    const calls: string[][][] = [];
    const together = new PartitionsTogether(async (runs) => {
      calls.push(partitionsOf(runs));
      if (calls.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return runs.map((run) => run.length);
    });
    const first = together.join(deliveries(0, '0', '1'), heartbeat);
    await new Promise((resolve) => setImmediate(resolve)); // the first transaction has started
    const second = together.join(deliveries(1, '2'), heartbeat);
    const third = together.join(deliveries(2, '3'), heartbeat);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([[['0:0', '0:1']], [['1:2'], ['2:3']]]);
    release();
    expect(await Promise.all([first, second, third])).toEqual([2, 1, 1]);
  });

  it('tells every caller 0 when the shared transaction kept nothing', async () => {
    const { handle } = recordingHandler((runs) => runs.map(() => 0));
    const together = new PartitionsTogether(handle);
    expect(await Promise.all([together.join(deliveries(0, '1', '2'), heartbeat), together.join(deliveries(1, '3'), heartbeat)])).toEqual([0, 0]);
  });
});
