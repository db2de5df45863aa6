export * from './dead-letter-operations.js';
export * from './dead-letter-position.js';
export * from './dead-letter-topic.js';
export * from './dead-letter-view.js';
export * from './list-dead-letters.js';
export * from './replay-dead-letters.js';
