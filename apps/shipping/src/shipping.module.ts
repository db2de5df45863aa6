import { Module } from '@nestjs/common';
import { DatabaseModule, MessagingModule, RuntimeModule } from '@shop/runtime';
import { shippingConfig } from './config/shipping-config.js';
import { ShipmentDispatcher } from './dispatch/shipment-dispatcher.js';
import { PrismaClient } from './generated/prisma/client.js';
import { CancelledOrdersRepository } from './shipments/cancelled-orders.repository.js';
import { OrderCancelledHandler } from './shipments/order-cancelled.handler.js';
import { OrderConfirmedHandler } from './shipments/order-confirmed.handler.js';
import { ShipmentRepository } from './shipments/shipment.repository.js';

@Module({
  imports: [
    RuntimeModule,
    DatabaseModule.forRoot(PrismaClient),
    MessagingModule.forRoot({ handlers: [OrderConfirmedHandler, OrderCancelledHandler] }),
  ],
  providers: [
    shippingConfig.provider,
    ShipmentRepository,
    CancelledOrdersRepository,
    OrderConfirmedHandler,
    OrderCancelledHandler,
    ShipmentDispatcher,
  ],
})
export class ShippingModule {}
