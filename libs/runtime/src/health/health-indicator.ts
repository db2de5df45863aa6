import type { BreakerSnapshot } from '../breaker/breaker-state.js';

/**
 * A dependency whose state `/health` reports. `check` throws when the dependency
 * is down (an `Unhealthy` adds details, such as how long it has been down).
 */
export interface HealthIndicator {
  readonly name: string;
  check(): Promise<Record<string, unknown> | void>;
}

export type DependencyHealth = { status: 'up' | 'down'; latencyMs: number } & Record<string, unknown>;

export interface HealthReport {
  status: 'up' | 'down';
  service: string;
  checks: Record<string, DependencyHealth>;
  /** State of each circuit breaker; present when the service has any. Never affects `status`. */
  breakers?: Record<string, BreakerSnapshot>;
}
