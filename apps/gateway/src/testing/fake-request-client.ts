import { type DynamicModule, Module } from '@nestjs/common';
import type { Reply, RequestContract } from '@shop/event-contracts';
import { BreakerRegistry, DeadLetterOperations, RequestClient, ServiceUnavailableError } from '@shop/runtime';
import { FakeDeadLetterOperations } from './fake-dead-letter-operations.js';

type Answer = (request: unknown) => Promise<Reply<unknown>>;

/** Stands in for RequestClient: answers each pattern as the test says (no answer: a timeout), records each call. */
export class FakeRequestClient {
  readonly calls: { pattern: string; request: unknown }[] = [];
  private readonly answers = new Map<string, Answer>();

  answer(pattern: string, answer: Answer): void {
    this.answers.set(pattern, answer);
  }

  reset(): void {
    this.calls.length = 0;
    this.answers.clear();
  }

  async call<Request, Value>(contract: RequestContract<Request, Value, string>, request: Request): Promise<Reply<Value>> {
    this.calls.push({ pattern: contract.pattern, request });
    const answer = this.answers.get(contract.pattern);
    if (!answer) throw new ServiceUnavailableError(`${contract.pattern} unavailable: Timeout has occurred`);
    return (await answer(request)) as Reply<Value>;
  }
}

@Module({})
class FakeRequestClientModule {}

/** What RuntimeModule and RequestClientModule give the API in the app. */
export function fakeRequestClientModule(fake: FakeRequestClient, deadLetters = new FakeDeadLetterOperations()): DynamicModule {
  return {
    module: FakeRequestClientModule,
    providers: [{ provide: RequestClient, useValue: fake }, BreakerRegistry, { provide: DeadLetterOperations, useValue: deadLetters }],
    exports: [RequestClient, BreakerRegistry, DeadLetterOperations],
  };
}
