import { Inject, Injectable } from '@nestjs/common';
import { BreakerRegistry } from '../breaker/breaker.registry.js';
import type { DependencyHealth, HealthIndicator, HealthReport } from './health-indicator.js';
import { SERVICE_CONFIG } from '../config/service-config.token.js';
import { Unhealthy } from './outage.js';
import type { ServiceConfig } from '../config/service-config.js';

const CHECK_TIMEOUT_MS = 2_000;

/** Collects the indicators that modules register and runs them for `/health`. */
@Injectable()
export class HealthService {
  private readonly indicators = new Map<string, HealthIndicator>();

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly breakerRegistry: BreakerRegistry,
  ) {}

  register(indicator: HealthIndicator): void {
    this.indicators.set(indicator.name, indicator);
  }

  async report(): Promise<HealthReport> {
    const entries = await Promise.all(
      [...this.indicators.values()].map(async (indicator) => [indicator.name, await runCheck(indicator)] as const),
    );
    const checks = Object.fromEntries(entries);
    const status = entries.every(([, health]) => health.status === 'up') ? 'up' : 'down';
    // Breakers are informational: an open one (say SMTP is down) must not take the service out of rotation.
    const breakers = this.breakerRegistry.snapshot();
    return { status, service: this.config.SERVICE_NAME, checks, ...(Object.keys(breakers).length > 0 && { breakers }) };
  }
}

async function runCheck(indicator: HealthIndicator): Promise<DependencyHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    const details = await Promise.race([indicator.check(), timeout]);
    return { status: 'up', latencyMs: elapsed(started), ...(details ?? {}) };
  } catch (error) {
    const details = error instanceof Unhealthy ? error.details : {};
    return { status: 'down', latencyMs: elapsed(started), error: (error as Error).message, ...details };
  } finally {
    clearTimeout(timer);
  }
}

const elapsed = (started: number) => Math.round(performance.now() - started);
