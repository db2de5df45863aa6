import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { readRunState, type RunState } from '../../infra/supervisor/run-state.ts';
import { eachLimited, getJson } from '../chaos/chaos-census.js';
import { runChaosKeepingEverything } from '../chaos/chaos-expectations.js';
import { DEFAULT_OPTIONS } from '../chaos/chaos-run.js';
import { type ChaosProduct, type ChaosTarget, NativeTarget } from '../chaos/chaos-target.js';
import { signedIn } from '../support/demo-sign-in.js';
import { NativeInstance } from '../support/native-instance.js';
import { ShopUp } from '../support/shop-up.js';
import { SseStream } from '../support/sse-client.js';
import { waitFor } from '../support/wait-for.js';

/**
 * `./shop up --brokers 3 --replicas 2`, the way a user starts it, on a shop of
 * the test's own (its own three-node Kafka cluster, PostgreSQL, Jaeger,
 * Mailpit and Slack sink, every port moved by 6000, its state in a temporary
 * folder): two processes of every app, the gateway's behind HAProxy on the
 * gateway's port. Orders go through the proxy while a Kafka broker is killed
 * and later restarted and one replica of each app is SIGKILLed; then
 * everything is counted.
 */
const instance = new NativeInstance(6000);
const SERVICES = ['email', 'gateway', 'history', 'inventory', 'order', 'shipping', 'slack-notifier'];

interface Health {
  status: string;
  checks: Record<string, { status: string; role?: string }>;
}

describe('./shop up --brokers 3 --replicas 2', () => {
  let shop: ShopUp | undefined;
  let target: NativeTarget;
  const runState = () => readRunState(path.join(instance.state, 'run/apps.json'))!;

  /** The outbox relay's role in each replica of each service with a database, once every relay has found its role. */
  async function relayRoles(): Promise<Record<string, string[]>> {
    return waitFor('every relay publishing or standing by', async () => {
      const { apps } = runState();
      const roles: Record<string, string[]> = {};
      for (const [name, app] of Object.entries(apps)) {
        if (name === 'haproxy') continue;
        const health = await getJson<Health>(app.healthUrl!);
        if (health === undefined) return undefined;
        if (health.checks['outbox-relay'] === undefined) continue;
        const { role } = health.checks['outbox-relay'];
        if (role !== 'publishing' && role !== 'standby') return undefined;
        (roles[name.split('#')[0]!] ??= []).push(role);
      }
      return Object.fromEntries(Object.entries(roles).map(([service, list]) => [service, list.sort()]));
    }, { timeoutMs: 30_000, intervalMs: 250 });
  }

  beforeAll(async () => {
    await instance.resolve();
    // Three Kafka JVMs and fourteen apps on two cores, while other specs run: ~3 minutes alone, more beside a second shop.
    shop = await ShopUp.start(instance, ['--brokers', '3', '--replicas', '2'], 480_000);
    target = await NativeTarget.open(instance.env);
  }, 500_000);

  afterAll(async () => {
    await shop?.stop();
    await instance.dispose();
  }, 120_000);

  it('runs three Kafka nodes and two replicas of every app on ports of their own, supervised and shown by ./shop status, HAProxy on the gateway\'s port', async () => {
    expect(target.kafkaBrokers).toEqual(['127.0.0.1:15092', '127.0.0.1:15094', '127.0.0.1:15096']);
    const { apps } = runState();
    expect(Object.keys(apps).sort()).toEqual([...SERVICES.flatMap((service) => [`${service}#1`, `${service}#2`]), 'haproxy'].sort());
    expect(Object.values(apps).every((app) => app.state === 'up')).toBe(true);
    const ports = Object.values(apps).map((app) => app.port);
    expect(new Set(ports).size).toBe(ports.length);
    // Replica k on the app's port + 100·(k-1); the gateway's one step up, HAProxy on the gateway's own port (3000 + 6000).
    expect(apps.haproxy!.port).toBe(9000);
    expect([apps['gateway#1']!.port, apps['gateway#2']!.port]).toEqual([9100, 9200]);
    expect([apps['order#1']!.port, apps['order#2']!.port]).toEqual([9001, 9101]);
    expect(target.gatewayUrl).toBe('http://127.0.0.1:9000');

    const status = await instance.bash('bash infra/status.sh');
    for (const name of Object.keys(apps)) expect(status.stdout).toMatch(new RegExp(`^${name}\\s+${apps[name]!.port}\\s+up\\s.*\\sup$`, 'm'));
    expect(shop!.log()).toMatch(/^order#2\s+\| /m);
  });

  it('balances over both gateway replicas, and every request-reply answer reaches the replica that asked', async () => {
    const [product] = await products('RR', 100);
    const customerId = `replicas-${product!.sku}`;
    const authorization = await signedIn(target.gatewayUrl, customerId);
    const servedBy = new Set<string>();
    const statuses: number[] = [];
    let n = 0;
    // Round robin over the replicas HAProxy finds healthy. On a loaded machine one may be out for a health
    // check or two (a /health answered 503), so orders are placed until both replicas have answered (at most
    // 40, within the per-customer write limit); every answer is checked below.
    await waitFor(
      'both gateway replicas to have answered a POST /orders',
      async () => {
        // POST /orders asks the order service over Kafka and waits for its reply on the replica that asked.
        const response = await fetch(`${target.gatewayUrl}/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...authorization, 'Idempotency-Key': `${customerId}-${n++}` },
          body: JSON.stringify({ email: `${customerId}@example.com`, items: [{ sku: product!.sku, quantity: 1 }], shippingAddress: address }),
        });
        statuses.push(response.status);
        await response.body?.cancel();
        servedBy.add(response.headers.get('x-served-by')!);
        return servedBy.size === 2 ? true : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 500 },
    );
    expect(new Set(statuses)).toEqual(new Set([202]));
    expect(servedBy).toEqual(new Set(['gateway-1', 'gateway-2']));
  });

  it('has one relay publishing per database, the other standing by', async () => {
    const roles = await relayRoles();
    expect(Object.keys(roles).sort()).toEqual(SERVICES.filter((service) => service !== 'gateway'));
    for (const list of Object.values(roles)) expect(list).toEqual(['publishing', 'standby']);
  });

  it('streams an order\'s progress (SSE) through HAProxy as it happens, to SHIPPED', async () => {
    const [product] = await products('SSE', 10);
    const customerId = `replicas-${product!.sku}`;
    const authorization = await signedIn(target.gatewayUrl, customerId);
    const placed = await fetch(`${target.gatewayUrl}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authorization, 'Idempotency-Key': customerId },
      body: JSON.stringify({ email: `${customerId}@example.com`, items: [{ sku: product!.sku, quantity: 1 }], shippingAddress: address }),
    });
    expect(placed.status).toBe(202);
    const { orderId } = (await placed.json()) as { orderId: string };

    const answer = await SseStream.open(`${target.gatewayUrl}/orders/${orderId}/events`, authorization);
    expect(answer.status).toBe(200);
    const stream = answer.stream!;
    try {
      await stream.until('the end of the stream', (frames) => frames.some((frame) => frame.event === 'end'), 60_000);
    } finally {
      await stream.close();
    }
    expect(stream.events('end')).toEqual([{ orderId, status: 'SHIPPED' }]);
    // Not buffered: the first status came as it happened, well before the end (dispatch waits 2 s).
    const first = stream.frames.find((frame) => frame.event === 'status')!;
    const end = stream.frames.find((frame) => frame.event === 'end')!;
    expect(end.receivedAt - first.receivedAt).toBeGreaterThan(1_000);
  }, 90_000);

  it('loses nothing, dispatches, mails and posts nothing twice, and conserves stock while a broker and one replica of each app are SIGKILLed', async () => {
    const before = runState();
    // The chaos run's traffic and census, with two fault kinds: a kill of replica #1 of every app (the gateway's
    // too), and a kill of one Kafka node, started again 10 s later (its partitions' leaders move to the others).
    const killOneOfEach: ChaosTarget = Object.assign(Object.create(target) as NativeTarget, {
      apps: async () => (await target.apps()).filter((name) => name.endsWith('#1')),
    });
    // 1.5 orders/s: well inside what this layout takes on two cores. Three brokers and fourteen apps idle at
    // ~330 ms of CPU a second and cost ~550 ms per order, so at 3/s the machine is saturated before any fault
    // (POST /orders p50 1.2 s, some past the gateway's 3 s timeout; `./shop load --rate 3` against it), and
    // the kills' restarts then push it past what clients' 120 s of retries cover: that measures capacity, not
    // whether anything is lost. Clients keep trying for 5 minutes: on two cores a broker's death stops the
    // request path for ~35 s (the controller fences it after 8 s; the consumers that fetched from it fail,
    // restart and rejoin their groups; the gateways' breakers open for 10 s), the kills of the order and
    // gateway replicas for as long again, and a client may miss the short windows between. What a client
    // waits during a fault is measured by `./shop bench scale`; this test counts what is lost or doubled.
    const { observations, counts } = await runChaosKeepingEverything(killOneOfEach, {
      ...DEFAULT_OPTIONS,
      rate: 1.5,
      patienceMs: 300_000,
      durationMs: 20_000,
      gapMs: 2_000,
      faults: ['kill-app', 'kill-broker'],
      durations: { ...DEFAULT_OPTIONS.durations, brokerDownMs: 10_000 },
      settleMs: 120_000,
    });
    expect(counts.accepted).toBeGreaterThan(40);
    expect(observations.faults.filter((fault) => fault.kind === 'kill-app').map((fault) => fault.app).sort()).toEqual(SERVICES.map((service) => `${service}#1`));
    expect(observations.faults.filter((fault) => fault.kind === 'kill-broker')).toHaveLength(1);
    expect(await instance.infra('status', 'kafka')).toMatch(/^kafka-2 +running/m);

    // Each shipped order dispatched once: one shipment-dispatched event in its history, whichever replica dispatched it.
    const shipped = [...observations.final.values()].filter((order) => order.status === 'SHIPPED');
    expect(shipped.length).toBeGreaterThan(20);
    const dispatches: Record<string, number> = {};
    await eachLimited(shipped, 8, async (order) => {
      const timeline = await getJson<{ entries: { type: string }[] }>(`${target.gatewayUrl}/orders/${order.orderId}/timeline`, order.customerId);
      dispatches[order.orderId] = timeline?.entries.filter((entry) => entry.type === 'shop.shipping.shipment-dispatched.v1').length ?? 0;
    });
    expect(Object.entries(dispatches).filter(([, times]) => times !== 1)).toEqual([]);

    // Each killed replica came back by itself; the others ran on untouched.
    const after = runState();
    const restarts = (state: RunState) => Object.fromEntries(Object.entries(state.apps).map(([name, app]) => [name, app.restarts]));
    expect(restarts(after)).toEqual(Object.fromEntries(Object.keys(before.apps).map((name) => [name, name.endsWith('#1') ? 1 : 0])));
    for (const name of Object.keys(before.apps).filter((app) => !app.endsWith('#1'))) expect(after.apps[name]!.pid).toBe(before.apps[name]!.pid);
    // Still one publisher per database after its relay's replica died.
    for (const list of Object.values(await relayRoles())) expect(list).toEqual(['publishing', 'standby']);
  }, 720_000);

  const address = { name: 'Replica Tester', line1: '2 Copy Lane', city: 'Berlin', postalCode: '10115', country: 'DE' };

  async function products(label: string, stock: number): Promise<ChaosProduct[]> {
    const sku = `REPLICAS-${label}-${randomBytes(3).toString('hex')}`.toUpperCase();
    const list = [{ sku, name: `Replica test ${label}`, priceCents: 1_000, stock }];
    await target.addProducts(list);
    return list;
  }
});
