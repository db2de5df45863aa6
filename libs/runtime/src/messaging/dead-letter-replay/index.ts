export * from './replay-dead-letters.js';
