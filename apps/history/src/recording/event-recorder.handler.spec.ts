import { ALL_EVENTS, type EventEnvelope, Events, Topics } from '@shop/event-contracts';
import { PendingWrites, type SqlTransaction } from '@shop/runtime';
import { EVENT_RECORDER_HANDLERS } from './event-recorder.handler.js';
import type { EventRecorder } from './event-recorder.service.js';
import type { RecordedData } from './timeline-filing.js';

describe('EVENT_RECORDER_HANDLERS', () => {
  it('has one handler class per event type of the contracts, each named after its type', () => {
    expect(EVENT_RECORDER_HANDLERS.map((Handler) => new Handler({} as EventRecorder).contract.type)).toEqual(
      ALL_EVENTS.map((contract) => contract.type),
    );
    expect(new Set(EVENT_RECORDER_HANDLERS).size).toBe(ALL_EVENTS.length);
    expect(EVENT_RECORDER_HANDLERS[0]!.name).toBe('RecordOrderPlacedV1Handler');
    expect(EVENT_RECORDER_HANDLERS.map((Handler) => Handler.name)).toContain('RecordInventoryStockReservationFailedV1Handler');
  });

  it("records the validated data with the envelope, in the consumer's transaction and its batch", async () => {
    const recorded: unknown[][] = [];
    const recorder = { record: (...args: unknown[]) => void recorded.push(args) } as unknown as EventRecorder;
    const handler = new EVENT_RECORDER_HANDLERS[0]!(recorder);
    const tx = { stands: 'for the transaction' } as unknown as SqlTransaction;
    const batch = new PendingWrites();
    const data = { orderId: '0b7e7f4c-3c1a-4c52-9a55-5f0d3c2b1a10', customerId: 'cust-42' };
    const envelope = { id: 'e-1', type: 'shop.order.placed.v1', data } as EventEnvelope<RecordedData>;
    await handler.handle(data, { tx, batch, envelope, topic: Topics.orderEvents, partition: 0, offset: '0', attempt: 1 });
    expect(recorded).toEqual([[tx, batch, envelope, 'orderId']]);
  });

  it('tells the recorder what a restock is keyed by, so it goes on its product’s timeline', async () => {
    const recorded: unknown[][] = [];
    const recorder = { record: (...args: unknown[]) => void recorded.push(args) } as unknown as EventRecorder;
    const Handler = EVENT_RECORDER_HANDLERS.find((candidate) => new candidate(recorder).contract.type === Events.stockReplenishedV1.type)!;
    const data = { sku: 'MUG-01', quantity: 5, stock: 7 };
    const envelope = { id: 'e-2', type: Events.stockReplenishedV1.type, data } as unknown as EventEnvelope<RecordedData>;
    await new Handler(recorder).handle(data, { tx: {} as SqlTransaction, batch: new PendingWrites(), envelope, topic: Topics.inventoryEvents, partition: 0, offset: '0', attempt: 1 });
    expect(recorded[0]![3]).toBe('sku');
  });
});
