import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { Type } from '@nestjs/common';
import { ConfigError, loadConfig, serviceConfigSchema } from './config/service-config.js';
import { JsonLogger } from './logging/json-logger.js';

/**
 * Starts a service: validates its config (exiting with every problem named),
 * boots the Nest app with JSON logs and graceful shutdown, listens on HOST:PORT.
 */
export async function runService(rootModule: Type<unknown>): Promise<void> {
  let config;
  try {
    config = loadConfig(serviceConfigSchema);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`[${process.env.SERVICE_NAME ?? 'service'}] ${error.message}\n`);
    process.exit(1);
  }
  const logger = new JsonLogger(config.SERVICE_NAME);
  const app = await NestFactory.create(rootModule, { logger, bufferLogs: false });
  app.enableShutdownHooks();
  await app.listen(config.PORT, config.HOST);
  logger.log({ msg: 'listening', url: `http://${config.HOST}:${config.PORT}` }, 'Bootstrap');
}
