export * from './breaker-errors.js';
export * from './breaker-state.js';
export * from './breaker.registry.js';
export * from './create-breaker.js';
export * from './while-breaker-open.js';
