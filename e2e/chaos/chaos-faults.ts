import type { ChaosTarget } from './chaos-target.js';

export type FaultKind = 'kill-app' | 'restart-postgres' | 'restart-kafka' | 'smtp-outage' | 'slack-outage' | 'broker-freeze' | 'kill-broker';

/** How long each fault that lasts keeps the part away. */
export interface FaultDurations {
  postgresDownMs: number;
  kafkaDownMs: number;
  smtpOutageMs: number;
  slackOutageMs: number;
  brokerFreezeMs: number;
  /** How long a killed broker stays dead before it is started again. */
  brokerDownMs: number;
}

export interface PlannedFault {
  kind: FaultKind;
  /** The app a kill is for. */
  app?: string;
  label: string;
}

export interface InjectedFault extends PlannedFault {
  startedAt: number;
  endedAt: number;
}

const INFRASTRUCTURE_FAULTS: FaultKind[] = ['restart-postgres', 'smtp-outage', 'restart-kafka', 'slack-outage', 'broker-freeze', 'kill-broker'];

const LABELS: Record<FaultKind, (app?: string) => string> = {
  'kill-app': (app) => `${app} killed (SIGKILL)`,
  'restart-postgres': () => 'PostgreSQL stopped and started',
  'restart-kafka': () => 'Kafka stopped and started',
  'smtp-outage': () => 'SMTP refusing mail (451)',
  'slack-outage': () => 'Slack webhook failing (503)',
  'broker-freeze': () => 'broker frozen (every connection hangs)',
  'kill-broker': () => 'Kafka broker killed (SIGKILL), restarted',
};

/** Every kind of fault a chaos run can inject. */
export const FAULT_KINDS: readonly FaultKind[] = ['kill-app', ...INFRASTRUCTURE_FAULTS];

/** Every app killed once and every infrastructure fault once, alternating, in the order they are injected. */
export function planFaults(apps: string[], kinds: readonly FaultKind[] = FAULT_KINDS): PlannedFault[] {
  const kills = kinds.includes('kill-app') ? apps.map((app) => ({ kind: 'kill-app' as const, app })) : [];
  const others = INFRASTRUCTURE_FAULTS.filter((kind) => kinds.includes(kind)).map((kind) => ({ kind }));
  const sequence: { kind: FaultKind; app?: string }[] = [];
  for (let i = 0; i < Math.max(kills.length, others.length); i++) {
    if (kills[i]) sequence.push(kills[i]!);
    if (others[i]) sequence.push(others[i]!);
  }
  return sequence.map((fault) => ({ ...fault, label: LABELS[fault.kind](fault.app) }));
}

/** Injects one fault and ends it; resolves once the part it hit has been given back (or, for a kill, at once). */
export async function inject(target: ChaosTarget, fault: PlannedFault, durations: FaultDurations, mail: MailFaults, slack: SlackFaults): Promise<InjectedFault> {
  const startedAt = Date.now();
  const hold = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  switch (fault.kind) {
    case 'kill-app':
      await target.killApp(fault.app!);
      break;
    case 'restart-postgres':
      await target.stop('postgres');
      await hold(durations.postgresDownMs);
      await target.start('postgres');
      break;
    case 'restart-kafka':
      await target.stop('kafka');
      await hold(durations.kafkaDownMs);
      await target.start('kafka');
      break;
    case 'smtp-outage':
      await mail.refuse();
      await hold(durations.smtpOutageMs);
      await mail.accept();
      break;
    case 'slack-outage':
      await slack.fail();
      await hold(durations.slackOutageMs);
      await slack.recover();
      break;
    case 'broker-freeze':
      await target.freezeBroker();
      try {
        await hold(durations.brokerFreezeMs);
      } finally {
        await target.thawBroker();
      }
      break;
    case 'kill-broker':
      await target.killBroker();
      await hold(durations.brokerDownMs);
      await target.startKilledBroker();
      break;
  }
  return { ...fault, startedAt, endedAt: Date.now() };
}

/** Mailpit's chaos switch: every recipient refused with 451 (try again later), then nothing. */
export class MailFaults {
  constructor(private readonly mailpitUrl: string) {}

  refuse() {
    return this.chaos({ Recipient: { ErrorCode: 451, Probability: 100 } });
  }

  accept() {
    return this.chaos({});
  }

  private async chaos(triggers: unknown) {
    const response = await fetch(`${this.mailpitUrl}/api/v1/chaos`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(triggers) });
    if (!response.ok) throw new Error(`Mailpit chaos: ${response.status} ${await response.text()} (is it running with --enable-chaos?)`);
  }
}

/** The Slack sink's fault switch: every webhook post answered 503, then nothing. */
export class SlackFaults {
  constructor(private readonly sinkUrl: string) {}

  async fail() {
    const response = await fetch(`${this.sinkUrl}/api/fault`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 503 }) });
    if (!response.ok) throw new Error(`Slack sink fault: ${response.status} ${await response.text()}`);
  }

  async recover() {
    await fetch(`${this.sinkUrl}/api/fault`, { method: 'DELETE' });
  }
}
