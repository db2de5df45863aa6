// A fixed slice of work like an app's per event (an event-sized JSON object
// serialized, parsed, copied into a Buffer and hashed), for speed-sampler.ts.
//
// Why: on this virtual machine one running shop, loaded the same way in
// eight consecutive 30 s windows, took 75-88 ms of app CPU per order, every
// app up and down together. Slices run every half second beside the load
// followed it (the apps' CPU per order divided by a slice's CPU stayed within
// 4.24-4.64), where a run before each window did not. So a report gives the
// CPU a slice took during its window, and its CPU per order at a reference
// speed (bench/reports/capacity-2026-12-06T1037.md, Context).
//
// Run directly, it does a slice every SLICE_INTERVAL_MS and prints the CPU
// milliseconds of each on a line of its own, until killed or its input ends
// (so it ends with the benchmark that started it, however that ends).
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

export const SLICE_ITERATIONS = 2_000;
export const SLICE_INTERVAL_MS = 500;
/**
 * CPU ms of a slice on the 2-core benchmark machine in a quiet hour
 * (2026-12-06 10:24-10:26, the shop loaded at 8 orders/s beside it):
 * the speed "at the reference speed" figures are scaled to.
 */
export const REFERENCE_SLICE_MS = 17;

/** Does the work; returns a checksum of it, the same for the same iterations, so none of it is optimized away. */
export function referenceWork(iterations: number): number {
  const event = {
    specversion: '1.0',
    id: '',
    type: 'order.placed.v1',
    source: 'order',
    time: '',
    data: {
      orderId: '',
      customerId: 'customer-1',
      items: [1, 2, 3].map((quantity) => ({ sku: `SKU-${quantity}`, quantity, unitPriceCents: 1999 })),
      shippingAddress: { line1: '1 Main Street', city: 'Springfield', postalCode: '12345', country: 'US' },
    },
  };
  let checksum = 0;
  for (let i = 0; i < iterations; i++) {
    event.id = createHash('md5').update(String(i)).digest('hex');
    event.data.orderId = event.id;
    event.time = new Date(1_700_000_000_000 + i).toISOString();
    const text = JSON.stringify(event);
    const parsed = JSON.parse(text) as typeof event;
    const bytes = Buffer.from(text);
    checksum = (checksum + bytes.length + parsed.data.items.length + createHash('sha256').update(bytes).digest()[0]!) % 1_000_000_007;
  }
  return checksum;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdin.on('end', () => process.exit(0)).resume();
  setInterval(() => {
    const start = process.cpuUsage();
    referenceWork(SLICE_ITERATIONS);
    const used = process.cpuUsage(start);
    process.stdout.write(`${((used.user + used.system) / 1000).toFixed(2)}\n`);
  }, SLICE_INTERVAL_MS);
}
