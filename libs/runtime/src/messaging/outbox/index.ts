export * from './outbox.js';
export * from './outbox-channel.js';
export * from './outbox-relay.js';
