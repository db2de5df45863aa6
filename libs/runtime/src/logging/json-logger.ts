import type { LoggerService, LogLevel } from '@nestjs/common';
import { LOG_LEVELS } from '../config/telemetry-config.js';
import { activeTraceFields } from '../tracing/trace-log-fields.js';

type Fields = Record<string, unknown>;

const LEVELS = LOG_LEVELS;
type Level = (typeof LEVELS)[number];

/**
 * Nest logger writing one JSON object per line, so logs of all services can be
 * merged and filtered. By default each line carries the `traceId` and `spanId`
 * of the active span, so a log line leads to its trace in Jaeger.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly service: string,
    private readonly contextFields: () => Fields = activeTraceFields,
    private readonly write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
    /** Lines below this level are dropped; LOG_LEVEL, default info (debug is per-event chatter). */
    private readonly minimumLevel: Level = minimumLevelFromEnv(),
  ) {}

  log(message: unknown, ...rest: unknown[]) { this.emit('info', message, rest); }
  error(message: unknown, ...rest: unknown[]) { this.emit('error', message, rest); }
  warn(message: unknown, ...rest: unknown[]) { this.emit('warn', message, rest); }
  debug(message: unknown, ...rest: unknown[]) { this.emit('debug', message, rest); }
  verbose(message: unknown, ...rest: unknown[]) { this.emit('verbose', message, rest); }
  fatal(message: unknown, ...rest: unknown[]) { this.emit('fatal', message, rest); }
  setLogLevels?(_levels: LogLevel[]): void {}

  private emit(level: Level, message: unknown, rest: unknown[]) {
    if (LEVELS.indexOf(level) < LEVELS.indexOf(this.minimumLevel)) return;
    // Nest passes the context (a class name) as the last string argument and a stack before it.
    const context = typeof rest.at(-1) === 'string' ? (rest.pop() as string) : undefined;
    const entry: Fields = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      ...(context && { context }),
      ...this.contextFields(),
    };
    if (message instanceof Error) {
      entry.msg = message.message;
      entry.stack = message.stack;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(entry, message);
    } else {
      entry.msg = String(message);
    }
    if (typeof rest[0] === 'string' && level === 'error') entry.stack = rest[0];
    this.write(JSON.stringify(entry));
  }
}

function minimumLevelFromEnv(): Level {
  const level = (process.env.LOG_LEVEL ?? 'info').toLowerCase();
  return (LEVELS as readonly string[]).includes(level) ? (level as Level) : 'info';
}
