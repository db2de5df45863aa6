import { SERVICES } from '../support/environment.js';
import { ServiceProcess } from '../support/service-process.js';

// Ports apart from ./shop up's 3000-3006, so tests can run while the demo is up.
const TEST_PORT_BASE = 3100;

describe('every app as a real process', () => {
  const apps = SERVICES.map((service, i) => new ServiceProcess(service, TEST_PORT_BASE + i));

  beforeAll(() => Promise.all(apps.map((app) => app.start())), 60_000);
  afterAll(() => Promise.all(apps.map((app) => app.stop())));

  it.each(apps.map((app) => [app.service, app] as const))(
    '%s reports its database and Kafka up on /health',
    async (_service, app) => {
      const response = await fetch(`${app.url}/health`);
      expect(response.status).toBe(200);
      const report = (await response.json()) as { checks: Record<string, { status: string }> };
      expect(report).toMatchObject({
        status: 'up',
        service: app.service,
        checks: {
          database: { status: 'up', latencyMs: expect.any(Number) },
          kafka: { status: 'up', latencyMs: expect.any(Number), brokers: 1, controller: expect.any(Number) },
        },
      });
      for (const check of Object.values(report.checks)) expect(check.status).toBe('up');
    },
  );

  it('reports down with 503, naming the dependency, when its database is unreachable', async () => {
    const broken = new ServiceProcess('order', TEST_PORT_BASE + 20, {
      DATABASE_URL: 'postgresql://shop_order:wrong-password@127.0.0.1:1/shop_order',
    });
    await broken.start({ until: 'live' });
    try {
      const response = await fetch(`${broken.url}/health`);
      expect(response.status).toBe(503);
      const report = (await response.json()) as { checks: Record<string, { status: string }> };
      expect(report).toMatchObject({ status: 'down', checks: { database: { status: 'down' }, kafka: { status: 'up' } } });
    } finally {
      await broken.stop();
    }
  });

  it('refuses to start with a clear message when its configuration is invalid', async () => {
    const misconfigured = new ServiceProcess('order', TEST_PORT_BASE + 21, { KAFKA_BROKERS: 'no-port-here' });
    await expect(misconfigured.start()).rejects.toThrow(/exited with 1:.*KAFKA_BROKERS: .*host:port/s);
  });

  it('shuts down gracefully on SIGTERM: consumer, relay and request server stop, exit code 0', async () => {
    const app = new ServiceProcess('order', TEST_PORT_BASE + 22);
    await app.start();
    expect(await app.stop()).toBe(0);
  });
});
