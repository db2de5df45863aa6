import { deadLetterTopic, Topics } from '@shop/event-contracts';
import type { SqlExecutor } from '@shop/runtime';
import { uniqueSuffix } from '../support/environment.js';
import { deliverableAddress, GatewayClient, type PlaceOrderBody } from '../support/gateway-client.js';
import { messageCount, deleteTopicsStartingWith } from '../support/kafka-topic-probes.js';
import { testKafka } from '../support/kafka-test-topics.js';
import { MailpitProcess } from '../support/mailpit.js';
import { deleteGroups, startGroupAtEnd } from '../support/order-events.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';
import { ShopSystem } from '../support/shop-system.js';
import { SlackSinkProcess } from '../support/slack-sink.js';
import { waitFor } from '../support/wait-for.js';

type Notifier = 'email' | 'slack-notifier';
type Database = { $disconnect(): Promise<void> };

const CONSUMED_TOPICS: Record<Notifier, string[]> = {
  email: [Topics.orderEvents],
  'slack-notifier': [Topics.orderEvents, Topics.shippingEvents],
};

interface BreakerHealth {
  breakers?: Record<string, { state: 'open' | 'halfOpen' | 'closed' }>;
  checks: Record<string, { status: string; pausedForBreaker?: boolean }>;
}

/**
 * The whole shop as processes, with a private Mailpit and Slack sink that the
 * test can stop or make fail. Email and slack-notifier run as consumer groups
 * and on scratch databases of this run, starting at the end of the topics,
 * so their sends, records and dead letters are this test's alone.
 */
export class NotifyingShop {
  readonly kafka = testKafka('e2e-notifications');
  readonly mailpit: MailpitProcess;
  readonly sink: SlackSinkProcess;
  system!: ShopSystem;
  readonly groups: Record<Notifier, string>;
  private readonly run = uniqueSuffix();
  private readonly databases = new Map<Notifier, ScratchDatabase<Database>>();
  private orderCount = 0;
  gateway!: GatewayClient;

  /** Ports portBase..portBase+6 for the apps, +10..+12 for Mailpit (SMTP, HTTP) and the sink. */
  constructor(private readonly portBase: number) {
    this.mailpit = new MailpitProcess(portBase + 10, portBase + 11);
    this.sink = new SlackSinkProcess(portBase + 12);
    this.groups = { email: `email-it-${this.run}`, 'slack-notifier': `slack-notifier-it-${this.run}` };
  }

  async start(): Promise<void> {
    await Promise.all([this.mailpit.start(), this.sink.start()]);
    for (const notifier of ['email', 'slack-notifier'] as const) {
      this.databases.set(notifier, await createScratchDatabase<Database>(notifier));
      await startGroupAtEnd(this.kafka, this.groups[notifier], CONSUMED_TOPICS[notifier]);
    }
    this.system = new ShopSystem(this.portBase, {
      // Long enough for a cancel right after the confirmation to stop the shipment.
      shipping: { SHIPPING_DISPATCH_DELAY_MS: '1500' },
      email: { SERVICE_NAME: this.groups.email, DATABASE_URL: this.database('email').url, SMTP_URL: this.mailpit.smtpUrl },
      'slack-notifier': {
        SERVICE_NAME: this.groups['slack-notifier'],
        DATABASE_URL: this.database('slack-notifier').url,
        SLACK_WEBHOOK_URL: this.sink.client.webhookUrl(),
      },
    });
    await this.system.start();
    this.gateway = new GatewayClient(this.system.gatewayUrl);
  }

  async stop(): Promise<void> {
    await this.system?.stop();
    await Promise.all([this.mailpit.dispose(), this.sink.stop()]);
    for (const notifier of ['email', 'slack-notifier'] as const) {
      await deleteTopicsStartingWith(this.kafka, CONSUMED_TOPICS[notifier].map((topic) => this.deadLetterTopic(notifier, topic)));
      await deleteGroups(this.kafka, [this.groups[notifier]]);
      await this.databases.get(notifier)?.drop();
    }
  }

  database(notifier: Notifier): ScratchDatabase<Database> {
    return this.databases.get(notifier)!;
  }

  sql(notifier: Notifier): SqlExecutor {
    return this.database(notifier).client as unknown as SqlExecutor;
  }

  deadLetterTopic(notifier: Notifier, topic: string = Topics.orderEvents): string {
    return deadLetterTopic(topic, this.groups[notifier]);
  }

  /** Dead letters of a notifier's group, on every topic it consumes. */
  async deadLetterCount(notifier: Notifier): Promise<number> {
    const counts = await Promise.all(CONSUMED_TOPICS[notifier].map((topic) => messageCount(this.kafka, this.deadLetterTopic(notifier, topic))));
    return counts.reduce((sum, count) => sum + count, 0);
  }

  /** An order for a customer and address of its own (so e-mails tell orders apart). */
  order(items: PlaceOrderBody['items'], overrides: Partial<PlaceOrderBody> = {}): PlaceOrderBody {
    const n = ++this.orderCount;
    const customerId = `notify-${this.run}-${n}`;
    return { customerId, email: `${customerId}@example.com`, items, shippingAddress: deliverableAddress, ...overrides };
  }

  /** Places orders through the gateway, `concurrency` at a time; every answer and how long it took. */
  async placeAll(orders: PlaceOrderBody[], concurrency = 10) {
    const answers: { status: number; orderId: string; ms: number }[] = [];
    const queue = [...orders];
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let order = queue.shift(); order; order = queue.shift()) {
          const started = performance.now();
          const { status, body } = await this.gateway.placeOrder(order);
          answers.push({ status, orderId: body?.orderId, ms: performance.now() - started });
        }
      }),
    );
    return answers;
  }

  statusReaches(orderId: string, status: string, timeoutMs = 60_000) {
    return this.gateway.statusReaches(orderId, status, timeoutMs);
  }

  /**
   * Waits for a /health of the notifier where `breaker` is `state` and, when
   * open, the consumer says it is paused for it. (The two are read one after
   * the other, so one report may show the breaker open a moment before the pause.)
   */
  async healthWithBreaker(notifier: Notifier, breaker: string, state: 'open' | 'closed', timeoutMs = 30_000) {
    const consumer = `consumer:${this.groups[notifier]}`;
    return waitFor(`breaker ${breaker} of ${notifier} to be ${state}${state === 'open' ? ', its consumer paused' : ''}`, async () => {
      const report = (await (await fetch(`${this.system.service(notifier).url}/health`)).json()) as BreakerHealth;
      const paused = report.checks[consumer]?.pausedForBreaker === true;
      return report.breakers?.[breaker]?.state === state && (state !== 'open' || paused) ? report : undefined;
    }, { timeoutMs, intervalMs: 50 });
  }

  consumerHealth(report: BreakerHealth, notifier: Notifier): BreakerHealth['checks'][string] | undefined {
    return report.checks[`consumer:${this.groups[notifier]}`];
  }
}
