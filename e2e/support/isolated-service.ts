import { deadLetterTopic } from '@shop/event-contracts';
import type { Kafka } from 'kafkajs';
import { type ServiceName, uniqueSuffix } from './environment.js';
import type { SqlExecutor } from '@shop/runtime';
import { committedOffsets, deleteTopicsStartingWith } from './kafka-topic-probes.js';
import { deleteGroups, type SentEvent, startGroupAtEnd } from './order-events.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';
import { ServiceProcess } from './service-process.js';
import { waitFor } from './wait-for.js';

export interface IsolatedServiceOptions {
  port: number;
  /** The event topics the service consumes: its group starts at their end. */
  consumes: string[];
  /** Request patterns it serves: its request group (NestJS names it `<name>-requests-server`) starts at their end. */
  serves?: string[];
  env?: Record<string, string>;
}

/**
 * One app as a real process, kept apart from everything else on the shared
 * topics: a scratch database, a consumer group and ce_source of its own
 * (SERVICE_NAME `<service>-it-<run>`), starting at the current end of the
 * topics instead of replaying their history. Other producers' events that
 * arrive while it runs reach it too: tests use unique order ids and skus.
 */
export class IsolatedService<Client extends { $disconnect(): Promise<void> }> {
  readonly name: string;
  private app?: ServiceProcess;
  private scratch?: ScratchDatabase<Client>;

  constructor(
    private readonly kafka: Kafka,
    readonly service: ServiceName,
    private readonly options: IsolatedServiceOptions,
  ) {
    this.name = `${service}-it-${uniqueSuffix()}`.replaceAll('_', '-');
  }

  /** The ce_source of the events it publishes. */
  get source() {
    return `/shop/${this.name}`;
  }

  private get requestGroup() {
    return `${this.name}-requests-server`;
  }

  get db(): Client {
    return this.scratch!.client;
  }

  get process(): ServiceProcess {
    return this.app!;
  }

  async start(): Promise<void> {
    this.scratch = await createScratchDatabase<Client>(this.service);
    await startGroupAtEnd(this.kafka, this.name, this.options.consumes);
    if (this.options.serves) await startGroupAtEnd(this.kafka, this.requestGroup, this.options.serves);
    this.app = new ServiceProcess(this.service, this.options.port, {
      SERVICE_NAME: this.name,
      DATABASE_URL: this.scratch.url,
      ...this.options.env,
    });
    await this.app.start();
  }

  async stop(): Promise<void> {
    const exitCode = await this.app?.stop();
    await deleteTopicsStartingWith(this.kafka, this.options.consumes.map((topic) => deadLetterTopic(topic, this.name)));
    await deleteGroups(this.kafka, [this.name, this.requestGroup]);
    await this.scratch?.drop();
    if (exitCode !== 0 && exitCode !== undefined) throw new Error(`${this.name} exited with ${exitCode}:\n${this.app?.log}`);
  }

  /** Waits until the service has handled an event: its id is in the inbox (even if the handler did nothing). */
  async handled(eventId: string): Promise<void> {
    await waitFor(`event ${eventId} in the inbox of ${this.name}`, async () => {
      const rows = await this.sql.$queryRawUnsafe<unknown[]>('SELECT 1 FROM inbox WHERE event_id = $1', eventId);
      return rows.length > 0 ? true : undefined;
    });
  }

  /** Waits until the service's consumer group has committed past a message (a redelivery leaves no inbox row). */
  async consumedPast(topic: string, sent: SentEvent): Promise<void> {
    await waitFor(`offset ${sent.offset} of ${topic}/${sent.partition} consumed by ${this.name}`, async () => {
      const committed = await committedOffsets(this.kafka, this.name, topic);
      return Number(committed.get(sent.partition) ?? -1) > Number(sent.offset) ? true : undefined;
    });
  }

  /** What the service wrote to its outbox for an order, by type: the source of truth for "published nothing". */
  async outboxTypes(orderId: string): Promise<string[]> {
    const rows = await this.sql.$queryRawUnsafe<{ type: string }[]>('SELECT type FROM outbox WHERE key = $1 ORDER BY sequence', orderId);
    return rows.map((row) => row.type);
  }

  private get sql(): SqlExecutor {
    return this.db as unknown as SqlExecutor;
  }
}
