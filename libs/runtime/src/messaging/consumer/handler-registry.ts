import type { EventContract } from '@shop/event-contracts';
import type { SqlExecutor } from '../sql-executor.js';
import type { EventHandler, HandlerRegistration } from './event-handler.js';

/** One handler per event type (ce_type); the topics to subscribe to follow from the contracts. */
export class HandlerRegistry<Tx extends SqlExecutor = SqlExecutor> {
  private readonly byType = new Map<string, HandlerRegistration<Tx>>();

  add<Data>(contract: EventContract<Data, string>, handler: EventHandler<Data, Tx>): void {
    if (this.byType.has(contract.type)) throw new Error(`a handler for ${contract.type} is already registered`);
    this.byType.set(contract.type, {
      contract: contract as EventContract<unknown, string>,
      handler: handler as EventHandler<unknown, Tx>,
    });
  }

  find(type: string): HandlerRegistration<Tx> | undefined {
    return this.byType.get(type);
  }

  topics(): string[] {
    return [...new Set([...this.byType.values()].map(({ contract }) => contract.topic))];
  }

  get size(): number {
    return this.byType.size;
  }
}
