import type { ChaosTarget } from './chaos-target.js';
import type { InjectedFault } from './chaos-faults.js';

export interface HealthSample {
  at: number;
  healthy: Record<string, boolean>;
}

export interface Recovery {
  /** From the end of the fault (a kill: the kill) until every app answered healthy again; undefined if never seen. */
  recoveredAfterMs?: number;
  /** The apps seen unhealthy between the fault's start and that moment. */
  unhealthy: string[];
}

/** Every app's /health, every half second, for the whole run: when each part was down and when it came back. */
export class HealthTimeline {
  readonly samples: HealthSample[] = [];
  private running = false;
  private loop?: Promise<void>;

  constructor(private readonly target: ChaosTarget, private readonly intervalMs = 500) {}

  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const at = Date.now();
        this.samples.push({ at, healthy: await this.target.health().catch(() => ({})) });
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, at + this.intervalMs - Date.now())));
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /**
   * After a kill the app must first be seen down (its process is gone at
   * once), then up; after any other fault, every app must answer healthy.
   */
  recoveryFrom(fault: InjectedFault, apps: string[]): Recovery {
    const allUp = (sample: HealthSample) => apps.every((app) => sample.healthy[app] === true);
    let from = this.samples.findIndex((sample) => sample.at >= fault.endedAt);
    if (fault.kind === 'kill-app') {
      const seenDown = this.samples.findIndex((sample) => sample.at >= fault.startedAt && sample.healthy[fault.app!] !== true);
      from = seenDown < 0 ? -1 : seenDown;
    }
    const back = from < 0 ? undefined : this.samples.slice(from).find(allUp);
    const until = back?.at ?? Number.POSITIVE_INFINITY;
    const unhealthy = apps.filter((app) => this.samples.some((s) => s.at >= fault.startedAt && s.at < until && s.healthy[app] !== true));
    return { ...(back && { recoveredAfterMs: back.at - fault.endedAt }), unhealthy };
  }
}
