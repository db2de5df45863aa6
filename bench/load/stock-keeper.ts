// Keeps the run's skus in stock, so the demo never runs dry and only the
// orders meant to be over stock are rejected: reads GET /products every
// second and restocks (the operator's route) a sku that fell below half its
// target back up to the target.
import type { ShopApi } from './shop-api.ts';

/** Enough for a minute at 100 orders/s on one sku (≤ 3 units an order), far under a restock's bound (1,000,000). */
export const STOCK_TARGET = 20_000;
const CHECK_EVERY_MS = 1_000;

export class StockKeeper {
  private readonly lastSeen = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  restocks = 0;
  /** RateLimit-Limit of the reads, as the gateway said it. */
  readsLimit: string | undefined;

  private readonly api: ShopApi;
  private readonly skus: readonly string[];
  private readonly asCustomer: string;

  constructor(api: ShopApi, skus: readonly string[], asCustomer: string) {
    this.api = api;
    this.skus = skus;
    this.asCustomer = asCustomer;
  }

  /** Tops every sku up once (the run starts with full stock), then keeps checking. */
  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check().catch(() => undefined), CHECK_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The most stock the sku can have during the run: an order line above it is over stock, whatever happens meanwhile. */
  ceiling(sku: string): number {
    return Math.max(STOCK_TARGET, this.lastSeen.get(sku) ?? 0);
  }

  private async check(): Promise<void> {
    const { products, answer } = await this.api.products(this.asCustomer);
    this.readsLimit = answer.headers.get('ratelimit-limit') ?? this.readsLimit;
    for (const sku of this.skus) {
      const stock = products.find((product) => product.sku === sku)?.stock;
      if (stock === undefined) continue;
      this.lastSeen.set(sku, Math.max(this.lastSeen.get(sku) ?? 0, stock));
      if (stock < STOCK_TARGET / 2) {
        const restocked = await this.api.restock(sku, STOCK_TARGET - stock);
        if (restocked.status !== 200) throw new Error(`restock of ${sku} answered ${restocked.status}: ${JSON.stringify(restocked.body)}`);
        this.restocks++;
      }
    }
  }
}
