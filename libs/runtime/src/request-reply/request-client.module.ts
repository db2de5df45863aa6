import { type DynamicModule, Module } from '@nestjs/common';
import type { RequestContract } from '@shop/event-contracts';
import { REQUEST_CONTRACTS, REQUEST_TIMEOUT_MS, RequestClient } from './request-client.js';

/** Gives the app a RequestClient for the listed request-reply calls. */
@Module({})
export class RequestClientModule {
  static forRoot(options: { requests: readonly RequestContract<any, any, string>[]; timeoutMs?: number }): DynamicModule {
    return {
      module: RequestClientModule,
      providers: [
        { provide: REQUEST_CONTRACTS, useValue: options.requests },
        { provide: REQUEST_TIMEOUT_MS, useValue: options.timeoutMs ?? 3_000 },
        RequestClient,
      ],
      exports: [RequestClient],
    };
  }
}
