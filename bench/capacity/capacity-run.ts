// The figures of one capacity run, as the benchmark collects them and the
// report and the targets read them.
import type { Step } from '../load/find-max-run.ts';
import type { LatencyFigures } from '../load/latency.ts';
import type { LoadFigures } from '../load/load-stats.ts';
import type { EventSizes } from './event-size.ts';
import type { KafkaLimit } from './kafka-limit.ts';
import type { PgbenchLimit } from './pgbench-limit.ts';
import type { MachineSpeed } from '../machine/speed-sampler.ts';

export interface ComponentCpuMs {
  component: string;
  cpuMs: number;
  /** Processes read at both ends, that exited, that appeared (PostgreSQL's backends come and go). */
  kept: number;
  exited: number;
  appeared: number;
}

export interface MeasuredRun {
  rate: number;
  durationS: number;
  /** Orders whose deciding event was read during the window. */
  decidedInWindow: number;
  /** The whole run, its orders followed until decided (or the settle time ran out). */
  figures: LoadFigures;
  placedToConfirmed: LatencyFigures;
  undecided: number;
  /** Per component: the apps, kafka, postgres, jaeger, mailpit, slack-sink; and apart, the other clients' backends and the benchmark. */
  cpu: ComponentCpuMs[];
  /** How fast the machine ran during the window (bench/machine/speed-sampler.ts); undefined if the sampler gave nothing. */
  speed?: MachineSpeed;
  /** Peak RSS (VmHWM) of each app over everything run at this ratio, kB. */
  peakRssKb: Record<string, number>;
  /** Messages written to the shop's topics and commits in its databases from before the run until it settled. */
  kafkaMessages: number;
  commits: number;
  /** Seconds from that first count to the second. */
  countedS: number;
  /** Statements run in each of the shop's databases over the same time; undefined without pg_stat_statements. */
  statements?: Record<string, number>;
  /** The same counted right after, with no order coming, and the CPU then: the shop's background (relays, consumers polling, the load generator's catalog reads). */
  idle: { seconds: number; kafkaMessages: number; commits: number; statements?: Record<string, number>; cpu: ComponentCpuMs[] };
  /** Orders of the run decided by then: what those counts are divided by. */
  decidedOrders: number;
  /** Backends serving the apps / other clients, at the window's start and end. */
  backends: { start: { apps: number; others: number }; end: { apps: number; others: number } };
  /** Members of the shop's consumer groups at the window's start and end, the most of the two (more than one: other copies of the apps shared the work). */
  groupMembers: Record<string, number>;
}

export interface RatioRun {
  ratio: number;
  steps: Step[];
  max: number | undefined;
  measured: MeasuredRun | undefined;
}

export interface Underneath {
  eventSizes: EventSizes;
  kafka: KafkaLimit | { error: string };
  pgbench: PgbenchLimit | { error: string };
}
