// Deliberately not register.ts: importing this barrel must not start tracing.
export * from './active-tracing.js';
export * from './in-memory-tracing.js';
export * from './kafka-propagation.js';
export * from './start-tracing.js';
export * from './trace-log-fields.js';
export * from './tracer.js';
export * from './tracing-env.js';
export * from './with-span.js';
