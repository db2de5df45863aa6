import { randomBytes } from 'node:crypto';
import { Topics } from '@shop/event-contracts';
import fc from 'fast-check';
import { DEFAULT_BODY_LIMIT_BYTES } from '../../apps/gateway/src/http/json-body.middleware.js';
import { addProduct } from '../support/inventory-fixtures.js';
import { testKafka } from '../support/kafka-test-topics.js';
import { startGroupAtEnd } from '../support/order-events.js';
import { ShopSystem } from '../support/shop-system.js';
import { waitFor } from '../support/wait-for.js';
import { answerProblems } from './answer-checks.js';
import { DocumentValidator } from './document-validator.js';
import { send } from './fuzz-answer.js';
import { type FuzzContext, FuzzRequests } from './fuzz-requests.js';
import { FuzzTally } from './fuzz-tally.js';
import { type OpenApiDocument, operationsOf } from './openapi-types.js';
import { RefusedWrites } from './refused-writes.js';
import { SchemaArbitraries } from './schema-arbitraries.js';
import { prepareCredentials } from './credentials.js';

/** At least this many generated requests per run (issue 13). */
const RUNS = 5_000;

// Ports 3520-3526, apart from ./shop up and the other tests. Calls may wait up to 10 s: on a 2-core machine
// with eleven processes busy, the order service can take a placed order past the 3 s default, and this test
// is about what the gateway answers, not how fast. Dispatch is quick, so orders that ship settle soon.
// The budgets per caller are out of the way: the fuzzer is one customer sending thousands of requests (e2e/gateway
// tests the budgets).
const shop = new ShopSystem(3520, {
  gateway: { GATEWAY_REQUEST_TIMEOUT_MS: '10000', RATE_LIMIT_READS: '1000000', RATE_LIMIT_WRITES: '1000000' },
  shipping: { SHIPPING_DISPATCH_DELAY_MS: '200' },
});
const runId = randomBytes(4).toString('hex');
let tally = new FuzzTally();
const customerId = `fuzz-${runId}`;
const writes = new RefusedWrites(`fuzz-${runId}-`, customerId);

beforeAll(async () => {
  // The notifiers start at the end of the topics: what earlier tests left there is not this test's to send.
  const kafka = testKafka('e2e-fuzz');
  await startGroupAtEnd(kafka, 'email', [Topics.orderEvents]);
  await startGroupAtEnd(kafka, 'slack-notifier', [Topics.orderEvents, Topics.shippingEvents]);
  await shop.start();
}, 120_000);
afterAll(async () => {
  process.stdout.write(`${tally.render()}\n  refused writing requests: ${writes.refusedCount}, orders placed: ${writes.acceptedOrderIds.length}\n`);
  await shop.stop();
});

describe('the gateway against requests generated from its OpenAPI document (every service real)', () => {
  it(`answers ${RUNS} of them as the document says, never a 5xx, and writes nothing for a refused one`, async () => {
    const document = (await (await fetch(`${shop.gatewayUrl}/openapi.json`)).json()) as OpenApiDocument;
    await prepareCredentials(shop.gatewayUrl, customerId, document);
    const validator = new DocumentValidator(document);
    const context: FuzzContext = { runId, orderIds: [], sku: `FUZZ-${runId}`, bodyLimitBytes: DEFAULT_BODY_LIMIT_BYTES };
    await addProduct(context.sku, 1_000_000, 1_250);
    const requests = new FuzzRequests(operationsOf(document), new SchemaArbitraries(document), validator, context);
    tally = new FuzzTally();

    await fc.assert(
      fc.asyncProperty(requests.all(), async (request) => {
        const answer = await send(shop.gatewayUrl, request);
        tally.record(request, answer);
        writes.record(request, answer);
        context.orderIds.splice(0, context.orderIds.length, ...writes.acceptedOrderIds);
        const problems = answerProblems(request, answer, document, validator);
        if (problems.length > 0) throw new Error(`${request.method} ${request.path.slice(0, 200)}: ${problems.join('; ')}`);
      }),
      { numRuns: RUNS },
    );
    expect(tally.requests).toBeGreaterThanOrEqual(RUNS);
    expect(tally.count(202)).toBeGreaterThan(0);

    // Every order placed reaches a final status (the services kept up), then what was written is checked.
    await waitFor('every order of the run in a final status', async () => ((await writes.unsettled()) === 0 ? true : undefined), { timeoutMs: 90_000 });
    expect(await writes.problems()).toEqual([]);
    for (const [name, service] of shop.services) {
      const health = await fetch(`${service.url}/health`);
      expect([name, health.status]).toEqual([name, 200]);
    }
  }, 300_000);
});
