export * from './deduplication-window.js';
export * from './messaging-pruner.js';
