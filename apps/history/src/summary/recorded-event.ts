/** An event as the timeline stored it: what an order's summary is derived from. */
export interface RecordedEvent {
  eventId: string;
  type: string;
  /** The ce_time. */
  occurredAt: Date;
  data: unknown;
}
