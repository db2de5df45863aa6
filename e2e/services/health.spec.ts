import { DATABASE_SERVICES, SERVICES } from '../support/environment.js';
import { ServiceProcess } from '../support/service-process.js';

// Ports apart from ./shop up's 3000-3006, so tests can run while the demo is up.
const TEST_PORT_BASE = 3100;

type HealthReport = { status: string; service: string; checks: Record<string, { status: string }> };

/** What a process that exited printed, as ServiceProcess.start rejects with it. */
async function startFailure(app: ServiceProcess): Promise<string> {
  try {
    await app.start();
  } catch (error) {
    return (error as Error).message;
  }
  await app.stop();
  throw new Error(`${app.service} started, but should have refused its configuration`);
}

describe('every app as a real process', () => {
  // As ./shop up starts them: DATABASE_URL for the apps with a database only.
  const apps = SERVICES.map((service, i) => new ServiceProcess(service, TEST_PORT_BASE + i));

  beforeAll(() => Promise.all(apps.map((app) => app.start())), 60_000);
  afterAll(() => Promise.all(apps.map((app) => app.stop())));

  it.each(apps.map((app) => [app.service, app] as const))(
    '%s reports Kafka, and its database if it has one, up on /health',
    async (_service, app) => {
      const response = await fetch(`${app.url}/health`);
      expect(response.status).toBe(200);
      const report = (await response.json()) as HealthReport;
      expect(report).toMatchObject({
        status: 'up',
        service: app.service,
        checks: { kafka: { status: 'up', latencyMs: expect.any(Number), brokers: 1, controller: expect.any(Number) } },
      });
      if (DATABASE_SERVICES.includes(app.service)) {
        expect(report.checks.database).toEqual({ status: 'up', latencyMs: expect.any(Number) });
      } else {
        expect({ app: app.service, database: report.checks.database }).toEqual({ app: app.service, database: undefined });
      }
      for (const check of Object.values(report.checks)) expect(check.status).toBe('up');
    },
  );

  it('starts the gateway, which has no database, without DATABASE_URL: healthy, with Kafka and its reply consumer', async () => {
    expect(DATABASE_SERVICES).not.toContain('gateway');
    const gateway = apps.find((app) => app.service === 'gateway')!;
    const report = (await (await fetch(`${gateway.url}/health`)).json()) as HealthReport;
    expect(report.status).toBe('up');
    expect(Object.keys(report.checks)).toEqual(expect.arrayContaining(['kafka', expect.stringMatching(/^replies:gateway-replies-/)]));
    expect(Object.keys(report.checks)).not.toContain('database');
  });

  it('reports down with 503, naming the dependency, when its database is unreachable', async () => {
    const broken = new ServiceProcess('order', TEST_PORT_BASE + 20, {
      DATABASE_URL: 'postgresql://shop_order:wrong-password@127.0.0.1:1/shop_order',
    });
    await broken.start({ until: 'live' });
    try {
      const response = await fetch(`${broken.url}/health`);
      expect(response.status).toBe(503);
      const report = (await response.json()) as HealthReport;
      expect(report).toMatchObject({ status: 'down', checks: { database: { status: 'down' }, kafka: { status: 'up' } } });
    } finally {
      await broken.stop();
    }
  });

  it('refuses to start with a clear message when its configuration is invalid', async () => {
    const misconfigured = new ServiceProcess('order', TEST_PORT_BASE + 21, { KAFKA_BROKERS: 'no-port-here' });
    await expect(misconfigured.start()).rejects.toThrow(/exited with 1:.*KAFKA_BROKERS: .*host:port/s);
  });

  it('requires DATABASE_URL of an app with a database, named with every other problem at once, and refuses one not PostgreSQL', async () => {
    const missing = await startFailure(new ServiceProcess('order', TEST_PORT_BASE + 23, { DATABASE_URL: undefined, KAFKA_BROKERS: 'no-port-here' }));
    expect(missing).toMatch(/exited with 1:.*invalid configuration:/s);
    expect(missing).toMatch(/^ +DATABASE_URL: /m);
    expect(missing).toMatch(/^ +KAFKA_BROKERS: .*host:port/m);

    const notPostgres = await startFailure(new ServiceProcess('order', TEST_PORT_BASE + 24, { DATABASE_URL: 'mysql://shop_order:pw@127.0.0.1:3306/shop_order' }));
    expect(notPostgres).toMatch(/^ +DATABASE_URL: /m);
  });

  it('shuts down gracefully on SIGTERM: consumer, relay and request server stop, exit code 0', async () => {
    const app = new ServiceProcess('order', TEST_PORT_BASE + 22);
    await app.start();
    expect(await app.stop()).toBe(0);
  });
});
