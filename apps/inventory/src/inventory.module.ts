import { Module } from '@nestjs/common';
import { DatabaseModule, MessagingModule, RuntimeModule } from '@shop/runtime';
import { CatalogRepository } from './catalog/catalog.repository.js';
import { InventoryRequestsController } from './catalog/inventory-requests.controller.js';
import { PrismaClient } from './generated/prisma/client.js';
import { CancelledOrdersRepository } from './reservations/cancelled-orders.repository.js';
import { OrderCancelledHandler } from './reservations/order-cancelled.handler.js';
import { OrderPlacedHandler } from './reservations/order-placed.handler.js';
import { ReservationRepository } from './reservations/reservation.repository.js';
import { StockRepository } from './reservations/stock.repository.js';
import { Restocking } from './restock/restocking.service.js';

@Module({
  imports: [
    RuntimeModule,
    DatabaseModule.forRoot(PrismaClient),
    // Its handlers lock products in sku order, which holds only within one event's transaction.
    MessagingModule.forRoot({ handlers: [OrderPlacedHandler, OrderCancelledHandler], oneEventPerTransaction: true }),
  ],
  controllers: [InventoryRequestsController],
  providers: [
    CatalogRepository,
    StockRepository,
    ReservationRepository,
    CancelledOrdersRepository,
    Restocking,
    OrderPlacedHandler,
    OrderCancelledHandler,
  ],
})
export class InventoryModule {}
