import { deadLetterTopic } from '@shop/event-contracts';
import type { Kafka } from 'kafkajs';
import { type ServiceName, uniqueSuffix } from './environment.js';
import { deleteTopicsStartingWith } from './kafka-topic-probes.js';
import { deleteGroups, startGroupAtEnd } from './order-events.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';
import { ServiceProcess } from './service-process.js';

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
}
