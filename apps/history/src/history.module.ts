import { Module } from '@nestjs/common';
import { DatabaseModule, MessagingModule, RuntimeModule } from '@shop/runtime';
import { PrismaClient } from './generated/prisma/client.js';
import { EVENT_RECORDER_HANDLERS } from './recording/event-recorder.handler.js';
import { EventRecorder } from './recording/event-recorder.service.js';
import { HistoryRequestsController } from './requests/history-requests.controller.js';
import { OrderSummaryRepository } from './summary/order-summary.repository.js';
import { TimelineRepository } from './timeline/timeline.repository.js';

/** The read model (CQRS) of every event, per order and per customer, fed by every topic. */
@Module({
  imports: [
    RuntimeModule,
    DatabaseModule.forRoot(PrismaClient),
    MessagingModule.forRoot({ handlers: EVENT_RECORDER_HANDLERS, gatherEvents: true }),
  ],
  controllers: [HistoryRequestsController],
  providers: [TimelineRepository, OrderSummaryRepository, EventRecorder, ...EVENT_RECORDER_HANDLERS],
})
export class HistoryModule {}
