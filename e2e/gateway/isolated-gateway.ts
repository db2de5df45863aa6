import { EVENT_TOPICS, type RequestContract, Requests, Topics } from '@shop/event-contracts';
import type { Kafka } from 'kafkajs';
import { createRequestTopics } from '../request-reply/request-topics.js';
import { uniqueSuffix } from '../support/environment.js';
import { signedIn } from '../support/demo-sign-in.js';
import { createTopicsWithLeaders } from '../support/kafka-test-topics.js';
import { ServiceProcess } from '../support/service-process.js';

/**
 * The built gateway as a real process whose request-reply topics carry a prefix
 * unique to this run: no service running elsewhere (./shop up, other tests) can
 * answer it, so "nobody answers" is certain, and a stand-in can answer instead.
 * The event topics its feed reads (the inventory's invalidates its catalog
 * cache; all of them feed its order streams) have the prefix too
 * (`inventoryEvents`): a test publishes there, nobody else does.
 * Its SERVICE_NAME is unique too, so its consumer groups are its own.
 */
export async function startIsolatedGateway(kafka: Kafka, port: number, env: Record<string, string> = {}) {
  const suffix = uniqueSuffix();
  const prefix = `it.gw_${suffix}.`;
  const requests = prefixed(prefix);
  const inventoryEvents = `${prefix}${Topics.inventoryEvents}`;
  const eventTopics = EVENT_TOPICS.map((topic) => `${prefix}${topic}`);
  const deleteRequestTopics = await createRequestTopics(kafka, Object.values(requests));
  const deleteTopics = async () => {
    await deleteRequestTopics();
    await deleteTopic(kafka, eventTopics);
  };
  await createTopicsWithLeaders(kafka, eventTopics).catch(async (error: unknown) => {
    await deleteRequestTopics();
    throw error;
  });
  const gateway = new ServiceProcess('gateway', port, {
    SERVICE_NAME: `gateway-it-${suffix}`,
    SHOP_TOPIC_NAMESPACE: prefix,
    ...env,
  });
  try {
    await gateway.start();
  } catch (error) {
    await deleteTopics();
    throw error;
  }
  return {
    gateway,
    prefix,
    requests,
    inventoryEvents,
    async stop() {
      await gateway.stop();
      await deleteTopics();
    },
  };
}

async function deleteTopic(kafka: Kafka, topics: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

type Prefixed = { [Name in keyof typeof Requests]: (typeof Requests)[Name] extends RequestContract<infer Request, infer Value, string> ? RequestContract<Request, Value, string> : never };

/** The contracts as the gateway uses them in the namespace (SHOP_TOPIC_NAMESPACE): same schemas, prefixed topics; every call of the contracts. */
function prefixed(prefix: string): Prefixed {
  const entries = Object.entries(Requests).map(([name, contract]) => [
    name,
    { ...contract, pattern: `${prefix}${contract.pattern}`, replyTopic: `${prefix}${contract.pattern}.reply` },
  ]);
  return Object.fromEntries(entries) as Prefixed;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** The JSON body, as each test asserts on it. */
  body: any;
  /** How long the answer took. */
  ms: number;
}

/** fetch with JSON in and out; `as` a customer signed in with the gateway's demo sign-in. */
export async function http(url: string, init: { method?: string; body?: unknown; headers?: Record<string, string>; as?: string } = {}): Promise<HttpAnswer> {
  const authorization = init.as === undefined ? {} : await signedIn(new URL(url).origin, init.as);
  const started = performance.now();
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...authorization, ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined, ms: performance.now() - started };
}

export const validOrder = (customerId: string) => ({
  customerId,
  email: 'ada@example.com',
  items: [{ sku: 'MUG-01', quantity: 2 }],
  shippingAddress: { name: 'Ada Lovelace', line1: '12 Test Street', city: 'Berlin', postalCode: '10115', country: 'DE' },
});
