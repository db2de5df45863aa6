import { createHash } from 'node:crypto';
import type { Product } from '@shop/event-contracts';

/** A response body as sent, and its strong entity tag. */
export interface Representation {
  readonly body: Buffer;
  /** `"<base64url SHA-256 of body>"`: strong, and the same on every gateway replica for the same bytes. */
  readonly etag: string;
}

/** The JSON bytes of a value, tagged by their hash. */
export function representationOf(value: unknown): Representation {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url')}"` };
}

/**
 * The catalog as the inventory answered it once: the list's representation,
 * computed once, and each product's, computed on first use. What the cache
 * keeps, and what a pass-through read builds for one answer.
 */
export class CatalogSnapshot {
  readonly list: Representation;
  private readonly products: ReadonlyMap<string, Product>;
  private readonly productRepresentations = new Map<string, Representation>();

  constructor(catalog: { products: Product[] }) {
    this.list = representationOf(catalog);
    this.products = new Map(catalog.products.map((product) => [product.sku, product]));
  }

  /** One product's representation, undefined for a sku the catalog does not list. */
  product(sku: string): Representation | undefined {
    const product = this.products.get(sku);
    if (!product) return undefined;
    let representation = this.productRepresentations.get(sku);
    if (!representation) {
      representation = representationOf(product);
      this.productRepresentations.set(sku, representation);
    }
    return representation;
  }
}
