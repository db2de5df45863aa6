import { Controller, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, type KafkaContext, MessagePattern, Payload } from '@nestjs/microservices';
import type { RequestContract } from '@shop/event-contracts';
import { loadConfig, ok, REQUEST_DEADLINE_HEADER, serveRequest, serviceConfigSchema } from '@shop/runtime';
// Internal to runService (bootstrap.ts), which would also listen on HTTP and own the process's signals.
import { serveRequestsOverKafka } from '../../libs/runtime/dist/request-reply/request-server.js';

/** A request the handler ran for: its text, and the deadline its caller sent. */
export interface Handled {
  text: string;
  deadline?: string;
}

type Echo = RequestContract<{ text: string }, { text: string; servedBy: string }, string>;

/** A Nest app answering `contract` over Kafka the way a service does (@MessagePattern + serveRequest), and what it handled. */
export async function startEchoServer(contract: Echo): Promise<{ app: INestApplication; handled: Handled[] }> {
  const handled: Handled[] = [];
  @Controller()
  class EchoController {
    @MessagePattern(contract.pattern)
    echo(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
      return serveRequest(contract, payload, context, async ({ text }) => {
        handled.push({ text, deadline: context.getMessage().headers?.[REQUEST_DEADLINE_HEADER]?.toString() });
        if (text === 'boom') throw new Error('the echo handler broke');
        return ok({ text, servedBy: 'echo-server' });
      });
    }
  }

  @Module({ controllers: [EchoController] })
  class EchoServerModule {}

  const app = await NestFactory.create(EchoServerModule, { logger: ['error'] });
  await serveRequestsOverKafka(app, loadConfig(serviceConfigSchema));
  await app.init();
  return { app, handled };
}
