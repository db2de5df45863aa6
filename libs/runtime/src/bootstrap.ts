import 'reflect-metadata';
import { flushCompileCache } from 'node:module';
import { NestFactory } from '@nestjs/core';
import type { INestApplication, NestApplicationOptions, Type } from '@nestjs/common';
import type { AppConfig } from './config/app-config.js';
import { appHasDatabase } from './config/app-package.js';
import { ConfigError, loadConfig, type ServiceConfig } from './config/service-config.js';
import { startupConfigSchema } from './config/startup-config.js';
import { HealthService } from './health/health.service.js';
import { JsonLogger } from './logging/json-logger.js';
import { shutdownTracing } from './tracing/active-tracing.js';
import { serveRequestsOverKafka } from './request-reply/request-server.js';

export interface RunServiceOptions {
  /** The app has `@MessagePattern` request handlers to serve over Kafka. */
  servesRequests?: boolean;
  /** The app's own settings (`defineAppConfig`), checked with the service's before anything starts, every problem named at once. */
  config?: AppConfig;
  /** Nest's options for the app (the logger is the runtime's), e.g. `bodyParser: false` for an app that reads bodies itself. */
  appOptions?: Omit<NestApplicationOptions, 'logger' | 'bufferLogs'>;
}

/**
 * Starts a service: validates its config (exiting with every problem named;
 * DATABASE_URL among them unless its package.json says `"database": false`),
 * boots the Nest app with JSON logs and graceful shutdown, listens on HOST:PORT.
 */
export async function runService(rootModule: Type<unknown>, options: RunServiceOptions = {}): Promise<void> {
  let config;
  try {
    const schema = startupConfigSchema({ database: appHasDatabase(process.argv[1]), config: options.config });
    config = loadConfig(schema) as ServiceConfig;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`[${process.env.SERVICE_NAME ?? 'service'}] ${error.message}\n`);
    process.exit(1);
  }
  const logger = new JsonLogger(config.SERVICE_NAME);
  const app = await NestFactory.create(rootModule, { ...options.appOptions, logger, bufferLogs: false });
  await app.listen(config.PORT, config.HOST);
  logger.log({ msg: 'listening', url: `http://${config.HOST}:${config.PORT}` }, 'Bootstrap');
  // What Node compiled to start goes to its compile cache now (NODE_COMPILE_CACHE, set by
  // infra/lib/services.sh and the image), not only at a clean exit: a killed app's next start reads it too.
  flushCompileCache();
  // In the background: until Kafka lets it in, /health says so (the app does not crash).
  if (options.servesRequests) void serveRequestsOverKafka(app, config, app.get(HealthService));
  exitGracefullyOnSignals(app, logger);
}

const SHUTDOWN_TIMEOUT_MS = 10_000;

/** On SIGTERM/SIGINT: run every module's shutdown hooks, then exit 0; exit 1 if they hang. */
function exitGracefullyOnSignals(app: INestApplication, logger: JsonLogger): void {
  const shutdown = async (signal: NodeJS.Signals) => {
    logger.log({ msg: 'shutting down', signal }, 'Bootstrap');
    setTimeout(() => {
      logger.error(`shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms`, 'Bootstrap');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    await app.close();
    await shutdownTracing();
    logger.log('stopped', 'Bootstrap');
    process.exit(0);
  };
  process.once('SIGTERM', shutdown).once('SIGINT', shutdown);
}
