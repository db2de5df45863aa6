import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { RequestContract } from '@shop/event-contracts';
import { BreakerRegistry, RequestClient, RequestClientModule, RuntimeModule } from '@shop/runtime';

/** The calling side, as the gateway has it: RuntimeModule + RequestClientModule in a Nest context. */
export async function startRequestClient(requests: readonly RequestContract[], timeoutMs: number) {
  @Module({ imports: [RuntimeModule, RequestClientModule.forRoot({ requests, timeoutMs })] })
  class ClientModule {}

  const app: INestApplicationContext = await NestFactory.createApplicationContext(ClientModule, { logger: ['error'] });
  await app.init();
  return { app, client: app.get(RequestClient), breakers: app.get(BreakerRegistry) };
}
