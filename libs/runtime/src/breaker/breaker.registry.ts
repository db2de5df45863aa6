import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { snapshotBreaker, type BreakerSnapshot } from './breaker-state.js';
import { createBreaker, type Breaker, type BreakerOptions } from './create-breaker.js';

/** Every breaker of the service by name, for `/health` and for shutting them down. */
@Injectable()
export class BreakerRegistry implements OnApplicationShutdown {
  private readonly breakers = new Map<string, Breaker>();

  /** Creates a breaker (see createBreaker) and registers it. */
  create<TArgs extends unknown[], TResult>(
    name: string,
    action: (...args: TArgs) => Promise<TResult>,
    options?: BreakerOptions,
  ): Breaker<TArgs, TResult> {
    return this.register(createBreaker(name, action, options));
  }

  /** Registers a breaker made elsewhere; names are unique within a service. */
  register<B extends Breaker>(breaker: B): B {
    if (this.breakers.has(breaker.name)) throw new Error(`a breaker named "${breaker.name}" is already registered`);
    this.breakers.set(breaker.name, breaker);
    breaker.on('shutdown', () => this.breakers.delete(breaker.name));
    return breaker;
  }

  get(name: string): Breaker | undefined {
    return this.breakers.get(name);
  }

  /** `{ [name]: { state, stats } }` of every registered breaker. */
  snapshot(): Record<string, BreakerSnapshot> {
    return Object.fromEntries([...this.breakers].map(([name, breaker]) => [name, snapshotBreaker(breaker)]));
  }

  onApplicationShutdown(): void {
    for (const breaker of [...this.breakers.values()]) breaker.shutdown();
  }
}
