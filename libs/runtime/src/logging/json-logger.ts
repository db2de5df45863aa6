import type { LoggerService, LogLevel } from '@nestjs/common';

type Fields = Record<string, unknown>;

/**
 * Nest logger writing one JSON object per line, so logs of all services can be
 * merged and filtered. Trace ids are added by whoever supplies `contextFields`.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly service: string,
    private readonly contextFields: () => Fields = () => ({}),
    private readonly write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {}

  log(message: unknown, ...rest: unknown[]) { this.emit('info', message, rest); }
  error(message: unknown, ...rest: unknown[]) { this.emit('error', message, rest); }
  warn(message: unknown, ...rest: unknown[]) { this.emit('warn', message, rest); }
  debug(message: unknown, ...rest: unknown[]) { this.emit('debug', message, rest); }
  verbose(message: unknown, ...rest: unknown[]) { this.emit('verbose', message, rest); }
  fatal(message: unknown, ...rest: unknown[]) { this.emit('fatal', message, rest); }
  setLogLevels?(_levels: LogLevel[]): void {}

  private emit(level: string, message: unknown, rest: unknown[]) {
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
