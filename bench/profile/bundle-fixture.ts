// For the specs: a bundle whose line 0 comes from kafkajs and line 1 from the
// order app's own TypeScript, and its source map (VLQ: AAAA, then source +1).
import { SourceMap } from 'node:module';

export const bundle = 'file:///repo/apps/order/dist/main.bundle.mjs';

export const bundleMap = new SourceMap({
  version: 3,
  file: 'main.bundle.mjs',
  sources: ['../../../node_modules/.pnpm/kafkajs@2.2.4/node_modules/kafkajs/src/consumer/index.js', '../src/orders/order.repository.ts'],
  names: [],
  mappings: 'AAAA;ACAA',
});
