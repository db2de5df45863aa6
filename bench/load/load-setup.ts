// What a load needs before its first order, shared by `./shop load` and the
// capacity benchmark: the customers signed in, the API, the run's skus kept in
// stock, the decisions read from the order topic and the consumer lag. Each
// step that fails rejects with a LoadSetupError naming what could not be done.
import { Kafka, logLevel } from 'kafkajs';
import { type KafkaCredentials, kafkaCredentials } from '@shop/runtime';
import { CustomerSessions } from './customer-sessions.ts';
import { type DecidedOrder, OrderDecisions } from './order-decisions.ts';
import { LoadStats } from './load-stats.ts';
import type { OrderMix } from './order-mix.ts';
import { OrderTopicLag } from './order-topic-lag.ts';
import { ShopApi } from './shop-api.ts';
import { StockKeeper } from './stock-keeper.ts';

/** How long the end of a run waits for its Kafka clients to leave. */
const CLEAN_UP_MS = 5_000;

export class LoadSetupError extends Error {}

export interface LoadSetupOptions {
  gateway: string;
  kafkaBrokers: string[];
  /** How its Kafka clients log in: this process's login (KAFKA_SASL_USERNAME/PASSWORD) unless given. */
  kafkaLogin?: KafkaCredentials;
  customers: string[];
  /** The first N catalog products, or these skus. */
  skus: number | string[];
  overStockShare: number;
  cancelShare: number;
  /** Told of every decision of the run's orders, besides the stats. */
  onDecided?: (order: DecidedOrder) => void;
}

/**
 * What a benchmark loads the shop with, as `./shop load` does by default: 20
 * customers named after the benchmark, the first 5 products, 5% of the
 * orders over stock (rejected), 5% cancelled.
 */
export function benchmarkMix(benchmark: string): Pick<LoadSetupOptions, 'customers' | 'skus' | 'overStockShare' | 'cancelShare'> {
  return { customers: Array.from({ length: 20 }, (_, i) => `${benchmark}-customer-${i + 1}`), skus: 5, overStockShare: 0.05, cancelShare: 0.05 };
}

export interface LoadSetup {
  api: ShopApi;
  keeper: StockKeeper;
  decisions: OrderDecisions;
  lag: OrderTopicLag;
  kafka: Kafka;
  /** The stats the decisions go to: replace `current` for a new step. */
  stats: { current: LoadStats };
  mix: OrderMix;
  skus: string[];
  /** Stops the clients; bounded, as a kafkajs disconnect can wait on a rebalance. */
  stop(): Promise<void>;
}

async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new LoadSetupError(what, { cause: error });
  }
}

export async function setUpLoad(options: LoadSetupOptions): Promise<LoadSetup> {
  const { gateway, customers } = options;
  const stopping: (() => unknown)[] = [];
  const stop = async () => {
    const cleanUp = Promise.all(stopping.reverse().map(async (part) => part())).catch(() => undefined);
    await Promise.race([cleanUp, new Promise((resolve) => setTimeout(resolve, CLEAN_UP_MS).unref())]);
  };
  try {
    const sessions = await step('sign-in refused', () => CustomerSessions.start(gateway, customers));
    stopping.push(() => sessions.stop());
    const api = new ShopApi(gateway, sessions);
    const catalog = await step('could not read the catalog', () => api.products(customers[0]!));
    const listed = catalog.products.map((product) => product.sku).sort();
    const skus = typeof options.skus === 'number' ? listed.slice(0, options.skus) : options.skus;
    if (skus.length === 0) throw new LoadSetupError('the catalog is empty', { cause: new Error('GET /products listed no product') });
    const unlisted = skus.filter((sku) => !listed.includes(sku));
    if (unlisted.length > 0) throw new LoadSetupError('not in the catalog', { cause: new Error(unlisted.join(', ')) });
    const keeper = new StockKeeper(api, skus, customers[0]!);
    await step('could not restock the run\'s products (operator key refused?)', () => keeper.start());
    stopping.push(() => keeper.stop());

    const login = options.kafkaLogin ?? kafkaCredentials();
    const kafka = new Kafka({ ...login, clientId: 'shop-load', brokers: options.kafkaBrokers, logLevel: logLevel.NOTHING, retry: { retries: 3 } });
    const stats = { current: new LoadStats() };
    const decisions = new OrderDecisions(kafka, (order) => {
      stats.current.decided(order.decision, order.placedToDecidedMs, order.dueToDecidedMs);
      options.onDecided?.(order);
    });
    stopping.push(() => decisions.stop());
    await step(`could not read the order topic from Kafka at ${options.kafkaBrokers.join(',')}`, () => decisions.start());
    const lag = new OrderTopicLag(kafka);
    stopping.push(() => lag.stop());
    await step(`could not reach Kafka's admin at ${options.kafkaBrokers.join(',')}`, () => lag.start());

    const mix: OrderMix = {
      customers,
      skus,
      overStockShare: options.overStockShare,
      cancelShare: options.cancelShare,
      stockCeiling: (sku: string) => keeper.ceiling(sku),
    };
    return { api, keeper, decisions, lag, kafka, stats, mix, skus, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
