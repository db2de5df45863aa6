import { Inject, Injectable, type Type } from '@nestjs/common';
import { ALL_EVENTS, type AnyEventContract, type EventContract } from '@shop/event-contracts';
import { type EventContext, type EventHandlerProvider, nameHandlerClass } from '@shop/runtime';
import { EventRecorder } from './event-recorder.service.js';
import type { RecordedData } from './timeline-filing.js';

/**
 * The handler of one event type, recording it. The consumer dispatches by
 * ce_type to one handler class per type, and history handles them all alike.
 */
export function eventRecorderHandlerFor(contract: AnyEventContract): Type<EventHandlerProvider<RecordedData>> {
  @Injectable()
  class EventRecorderHandler implements EventHandlerProvider<RecordedData> {
    readonly contract = contract as unknown as EventContract<RecordedData, string>;

    constructor(@Inject(EventRecorder) private readonly recorder: EventRecorder) {}

    async handle(data: RecordedData, { tx, batch, envelope }: EventContext<RecordedData>): Promise<void> {
      this.recorder.record(tx, batch, { ...envelope, data }, contract.keyField);
    }
  }
  return nameHandlerClass(EventRecorderHandler, 'Record', contract.type);
}

/** Every event type of every service (ALL_EVENTS): a new type is recorded as soon as the contracts have it. */
export const EVENT_RECORDER_HANDLERS = ALL_EVENTS.map(eventRecorderHandlerFor);

