import { Module } from '@nestjs/common';
import { DatabaseModule, MessagingModule, RuntimeModule } from '@shop/runtime';
import { PrismaClient } from './generated/prisma/client.js';
import { ShipmentDispatchedHandler } from './handlers/shipment-dispatched.handler.js';
import { ShipmentFailedHandler } from './handlers/shipment-failed.handler.js';
import { StockReservationFailedHandler } from './handlers/stock-reservation-failed.handler.js';
import { StockReservedHandler } from './handlers/stock-reserved.handler.js';
import { OrderLifecycle } from './order/order-lifecycle.service.js';
import { OrderPlacement } from './order/order-placement.service.js';
import { OrderRepository } from './order/order.repository.js';
import { OrderRequestsController } from './requests/order-requests.controller.js';

const handlers = [StockReservedHandler, StockReservationFailedHandler, ShipmentDispatchedHandler, ShipmentFailedHandler];

@Module({
  imports: [RuntimeModule, DatabaseModule.forRoot(PrismaClient), MessagingModule.forRoot({ handlers })],
  controllers: [OrderRequestsController],
  providers: [OrderRepository, OrderLifecycle, OrderPlacement, ...handlers],
})
export class OrderModule {}
