import type { OrderItem, OrderStatus, OrderView, ShippingAddress, StockShortage } from '@shop/event-contracts';

/** The inventory's prices for an order, as stock-reserved gave them. */
export type OrderPricing = NonNullable<OrderView['pricing']>;

/** The parcel, as shipment-dispatched described it. */
export type OrderShipment = NonNullable<OrderView['shipment']>;

/** Why the inventory refused the stock. */
export interface StockRefusal {
  shortages: StockShortage[];
  unknownSkus: string[];
}

/** One stored order, its JSON columns typed (they hold what the contracts validated on the way in). */
export interface OrderRecord {
  id: string;
  customerId: string;
  email: string;
  status: OrderStatus;
  items: OrderItem[];
  shippingAddress: ShippingAddress;
  pricing: OrderPricing | null;
  shipment: OrderShipment | null;
  statusReason: string | null;
  idempotencyKey: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** What placing an order stores. */
export type NewOrder = Pick<OrderRecord, 'id' | 'customerId' | 'email' | 'items' | 'shippingAddress' | 'idempotencyKey'>;

/** What a transition changes: always the status, plus what the triggering event brought. */
export type OrderChanges = Pick<OrderRecord, 'status'> &
  Partial<Pick<OrderRecord, 'pricing' | 'shipment' | 'statusReason'>>;
