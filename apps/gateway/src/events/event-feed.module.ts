import { randomUUID } from 'node:crypto';
import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { EVENT_TOPICS } from '@shop/event-contracts';
import { HealthService, KAFKA, SERVICE_CONFIG, type ServiceConfig } from '@shop/runtime';
import type { Kafka } from 'kafkajs';
import { OrderStreamHub } from '../order-streams/order-stream-hub.js';
import { type OrderStreamSettings, orderStreamSettingsOf } from '../order-streams/order-stream-settings.js';
import type { GatewaySettings } from '../config/gateway-config.js';
import { CatalogCache, type CatalogCacheSettings } from '../products/catalog-cache.js';
import { CATALOG_TOPIC, catalogFeedListener } from '../products/catalog-invalidation.js';
import { EventFeed } from './event-feed.js';

const EVENT_FEED = Symbol('EVENT_FEED');

export interface EventFeedSettings {
  catalog: CatalogCacheSettings;
  streams: OrderStreamSettings;
  /** Prefixes the topics in tests (see the runtime's topic-namespace.ts). */
  topicNamespace: string;
}

/**
 * Gives the API what the shop's events keep current on this instance: the
 * CatalogCache and the OrderStreamHub, both fed by one EventFeed (one
 * consumer, its own group, every event topic the two need).
 */
@Module({})
export class EventFeedModule {
  /** In the app: the feed (needs RuntimeModule: Kafka, /health) and its listeners; the cache only when enabled. */
  static forRoot({ catalog, streams, topicNamespace }: EventFeedSettings): DynamicModule {
    const cache = new CatalogCache(catalog);
    // The order streams follow every event of an order, whichever service published it.
    const hub = new OrderStreamHub(
      EVENT_TOPICS.map((topic) => topicNamespace + topic),
      streams,
      new Logger('OrderStreams'),
    );
    const listeners = [hub, ...(catalog.enabled ? [catalogFeedListener(cache, topicNamespace + CATALOG_TOPIC)] : [])];
    return {
      module: EventFeedModule,
      providers: [
        { provide: CatalogCache, useValue: cache },
        // A factory, so Nest calls its shutdown hook (streams end before the HTTP server closes).
        { provide: OrderStreamHub, useFactory: () => hub },
        {
          provide: EVENT_FEED,
          inject: [KAFKA, SERVICE_CONFIG, HealthService],
          useFactory: (kafka: Kafka, config: ServiceConfig, health: HealthService) => {
            const feed = new EventFeed({
              kafka,
              listeners,
              // Its own group per instance, like the reply group: every instance sees every event.
              groupId: `${config.SERVICE_NAME}-events-${randomUUID()}`,
              logger: new Logger('EventFeed'),
            });
            health.register(feed);
            return feed; // started by onModuleInit, stopped by onApplicationShutdown
          },
        },
      ],
      exports: [CatalogCache, OrderStreamHub],
    };
  }

  /**
   * Given parts, nothing consuming (tests: they turn them on and feed them
   * themselves); by default a cache that stays off (every read asks the
   * inventory) and a hub fed by nothing, which refuses streams.
   */
  static withParts(
    settings: GatewaySettings,
    {
      cache = new CatalogCache({ enabled: false, maxAgeMs: 1 }),
      hub = new OrderStreamHub([], orderStreamSettingsOf(settings), new Logger('OrderStreams')),
    }: { cache?: CatalogCache; hub?: OrderStreamHub } = {},
  ): DynamicModule {
    return {
      module: EventFeedModule,
      providers: [
        { provide: CatalogCache, useValue: cache },
        { provide: OrderStreamHub, useFactory: () => hub },
      ],
      exports: [CatalogCache, OrderStreamHub],
    };
  }
}
