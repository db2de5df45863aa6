import { randomUUID } from 'node:crypto';
import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { HealthService, KAFKA, SERVICE_CONFIG, type ServiceConfig } from '@shop/runtime';
import type { Kafka } from 'kafkajs';
import { CatalogCache, type CatalogCacheSettings } from './catalog-cache.js';
import { CatalogEventsConsumer } from './catalog-events.consumer.js';

const CATALOG_EVENTS_CONSUMER = Symbol('CATALOG_EVENTS_CONSUMER');

/** Gives the API its CatalogCache: in the app, one kept fresh by the inventory's events. */
@Module({})
export class CatalogCacheModule {
  /**
   * The cache and, when it is enabled, the consumer of `topic` that
   * invalidates it and turns it on (needs RuntimeModule: Kafka, /health).
   */
  static forRoot(settings: CatalogCacheSettings & { topic: string }): DynamicModule {
    const cache = new CatalogCache(settings);
    const consumer: DynamicModule['providers'] = settings.enabled
      ? [
          {
            provide: CATALOG_EVENTS_CONSUMER,
            inject: [KAFKA, SERVICE_CONFIG, HealthService],
            useFactory: (kafka: Kafka, config: ServiceConfig, health: HealthService) => {
              const events = new CatalogEventsConsumer({
                kafka,
                cache,
                topic: settings.topic,
                // Its own group per instance, like the reply group: every instance sees every event.
                groupId: `${config.SERVICE_NAME}-catalog-${randomUUID()}`,
                logger: new Logger('CatalogCache'),
              });
              health.register(events);
              return events; // started by onModuleInit, stopped by onApplicationShutdown
            },
          },
        ]
      : [];
    return { module: CatalogCacheModule, providers: [{ provide: CatalogCache, useValue: cache }, ...consumer], exports: [CatalogCache] };
  }

  /** A given cache, nothing consuming (tests: they turn it on and invalidate it themselves). */
  static withCache(cache: CatalogCache): DynamicModule {
    return { module: CatalogCacheModule, providers: [{ provide: CatalogCache, useValue: cache }], exports: [CatalogCache] };
  }
}
