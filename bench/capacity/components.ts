// The names of the lines that are not the shop's own processes: they are
// measured and shown, but left out of the shop's CPU per order.

/** PostgreSQL backends whose clients are not the run's apps (other apps on the same cluster, tests, the benchmark's own queries). */
export const OTHER_BACKENDS = 'postgres: other clients';

/** The benchmark's own process: the load generator, the Kafka consumers reading the decisions, the samplers. */
export const BENCH = 'bench (this process)';
