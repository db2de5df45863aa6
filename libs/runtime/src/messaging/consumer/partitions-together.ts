import type { Delivery } from './delivery.js';

/** EventProcessor.processTogether: for each run of messages, how many are done. */
export type HandleTogether = (runs: readonly (readonly Delivery[])[], heartbeat: () => Promise<void>) => Promise<number[]>;

interface Gathering {
  runs: (readonly Delivery[])[];
  done: Promise<number[]>;
}

/**
 * One transaction for the partitions a fetch brings at the same moment.
 *
 * kafkajs hands each partition's batch of a fetch to an `eachBatch` call of
 * its own, up to `partitionsConsumedConcurrently` side by side, all started in
 * the same turn of the event loop. Each of them joins with the messages it
 * would have handled together; once that turn is over, the runs joined so far
 * go to `handleTogether` as one transaction, and each caller gets back how
 * many of its messages are done: all of its run up to an invalid message, or
 * none when the shared transaction failed (it then takes them one at a time,
 * as a partition on its own would). A partition that joins while that
 * transaction runs starts the next one.
 *
 * The history service reads every topic: at a few orders a second a fetch
 * brings an event or two from each of several partitions, which were as many
 * transactions. Partitions stay in order, since each waits for its run.
 */
export class PartitionsTogether {
  private gathering?: Gathering;

  constructor(private readonly handleTogether: HandleTogether) {}

  async join(run: readonly Delivery[], heartbeat: () => Promise<void>): Promise<number> {
    const gathering = this.gathering ?? this.gather(heartbeat);
    const index = gathering.runs.push(run) - 1;
    return (await gathering.done)[index]!;
  }

  private gather(heartbeat: () => Promise<void>): Gathering {
    const runs: (readonly Delivery[])[] = [];
    const done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.gathering = undefined;
      return this.handleTogether(runs, heartbeat);
    });
    this.gathering = { runs, done };
    return this.gathering;
  }
}
