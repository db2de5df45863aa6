import { Injectable } from '@nestjs/common';
import type { Product } from '@shop/event-contracts';
import { PrismaClient } from '../generated/prisma/client.js';

/** Reads of the catalog for the gateway. */
@Injectable()
export class CatalogRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Every product with its price and the stock that can be reserved now, by sku. */
  async listProducts(): Promise<Product[]> {
    const products = await this.prisma.product.findMany({ orderBy: { sku: 'asc' } });
    return products.map(({ sku, name, priceCents, currency, stock }) => ({ sku, name, priceCents, currency, stock }));
  }
}
