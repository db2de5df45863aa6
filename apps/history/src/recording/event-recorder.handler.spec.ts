import { ALL_EVENTS, type EventEnvelope, Topics } from '@shop/event-contracts';
import type { Prisma } from '../generated/prisma/client.js';
import { EVENT_RECORDER_HANDLERS } from './event-recorder.handler.js';
import type { EventRecorder, OrderEventData } from './event-recorder.service.js';

describe('EVENT_RECORDER_HANDLERS', () => {
  it('has one handler class per event type of the contracts, each named after its type', () => {
    expect(EVENT_RECORDER_HANDLERS.map((Handler) => new Handler({} as EventRecorder).contract.type)).toEqual(
      ALL_EVENTS.map((contract) => contract.type),
    );
    expect(new Set(EVENT_RECORDER_HANDLERS).size).toBe(ALL_EVENTS.length);
    expect(EVENT_RECORDER_HANDLERS[0]!.name).toBe('RecordOrderPlacedV1Handler');
    expect(EVENT_RECORDER_HANDLERS.map((Handler) => Handler.name)).toContain('RecordInventoryStockReservationFailedV1Handler');
  });

  it("records the validated data with the envelope, in the consumer's transaction", async () => {
    const recorded: unknown[][] = [];
    const recorder = { record: async (...args: unknown[]) => void recorded.push(args) } as unknown as EventRecorder;
    const handler = new EVENT_RECORDER_HANDLERS[0]!(recorder);
    const tx = { stands: 'for the transaction' } as unknown as Prisma.TransactionClient;
    const data = { orderId: '0b7e7f4c-3c1a-4c52-9a55-5f0d3c2b1a10', customerId: 'cust-42' };
    const envelope = { id: 'e-1', type: 'shop.order.placed.v1', data } as EventEnvelope<OrderEventData>;
    await handler.handle(data, { tx, envelope, topic: Topics.orderEvents, partition: 0, offset: '0', attempt: 1 });
    expect(recorded).toEqual([[tx, envelope]]);
  });
});
