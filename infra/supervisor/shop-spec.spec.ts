import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SupervisorSpec } from './supervisor.ts';

const root = path.resolve(import.meta.dirname, '../..');
const SERVICES = ['email', 'history', 'inventory', 'order', 'shipping', 'slack-notifier', 'gateway'];

/** What the supervisor of ./shop up would run (--print-spec), on a shop moved by 7000 with its state in a temporary folder. */
function shopSpec(replicas?: number) {
  const state = mkdtempSync(path.join(os.tmpdir(), 'shop-spec-'));
  try {
    const env: Record<string, string> = { PATH: process.env.PATH!, HOME: process.env.HOME ?? os.homedir(), SHOP_STATE: state, SHOP_PORT_OFFSET: '7000' };
    if (replicas !== undefined) env.SHOP_REPLICAS = String(replicas);
    const spec = JSON.parse(execFileSync(process.execPath, [path.join(root, 'infra/supervisor/supervisor.ts'), '--print-spec'], { env, encoding: 'utf8' })) as SupervisorSpec;
    return { spec, state, app: (name: string) => spec.apps.find((app) => app.name === name)! };
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
}

describe('the apps ./shop up runs', () => {
  it('are one of each by default, as always: named by their service, on its port, no proxy', () => {
    const { spec, app } = shopSpec();
    expect(spec.apps.map((a) => a.name)).toEqual(SERVICES);
    expect(app('gateway')).toMatchObject({ port: 10000, healthUrl: 'http://127.0.0.1:10000/health' });
    expect(app('order')).toMatchObject({ port: 10001, env: expect.objectContaining({ PORT: '10001', SERVICE_NAME: 'order' }) });
  });

  it('start with their process environment beside their configuration: two malloc arenas, a compile cache in the shop\'s folder', () => {
    const { app } = shopSpec();
    for (const service of SERVICES) {
      expect(app(service).env).toMatchObject({ MALLOC_ARENA_MAX: '2', NODE_COMPILE_CACHE: path.join(root, '.local/node-compile-cache') });
    }
  });

  it('with --replicas 3: three of each on ports of their own, sharing their service\'s name and database, HAProxy on the gateway\'s port', () => {
    const { spec, state, app } = shopSpec(3);
    expect(spec.apps.map((a) => a.name)).toEqual([...SERVICES.flatMap((service) => [1, 2, 3].map((k) => `${service}#${k}`)), 'haproxy']);
    // Replica k on the app's port + 100·(k-1); the gateway's one step up, its own port HAProxy's.
    expect([1, 2, 3].map((k) => app(`order#${k}`).port)).toEqual([10001, 10101, 10201]);
    expect([1, 2, 3].map((k) => app(`gateway#${k}`).port)).toEqual([10100, 10200, 10300]);
    expect(app('haproxy')).toMatchObject({ port: 10000, healthUrl: 'http://127.0.0.1:10000/haproxy/health', args: ['-db', '-f', path.join(state, 'run/haproxy.cfg')] });
    const ports = spec.apps.map((a) => a.port);
    expect(new Set(ports).size).toBe(ports.length);

    for (const k of [1, 2, 3]) {
      const replica = app(`order#${k}`);
      expect(replica.env).toMatchObject({ SERVICE_NAME: 'order', PORT: String(replica.port), DATABASE_URL: app('order#1').env.DATABASE_URL });
      expect(replica.healthUrl).toBe(`http://127.0.0.1:${replica.port}/health`);
      expect(replica.log).toBe(path.join(state, 'logs', `order#${k}.log`));
    }
  });
});

describe('the HAProxy configuration of ./shop up --replicas N', () => {
  const state = mkdtempSync(path.join(os.tmpdir(), 'shop-haproxy-'));
  afterAll(() => rmSync(state, { recursive: true, force: true }));
  const config = (replicas: number) =>
    execFileSync('bash', ['-c', 'source infra/lib/common.sh; source infra/lib/services.sh; source infra/haproxy/haproxy.sh; haproxy_config'], {
      cwd: root,
      env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? os.homedir(), SHOP_STATE: state, SHOP_PORT_OFFSET: '7000', SHOP_REPLICAS: String(replicas) },
      encoding: 'utf8',
    });

  it('listens on the gateway\'s port and balances round robin over its replicas, each checked on /health, unchecked as backups', () => {
    const text = config(2);
    expect(text).toContain('bind 127.0.0.1:10000');
    expect(text).toContain('balance roundrobin');
    expect(text).toContain('option httpchk GET /health');
    expect(text).toContain('monitor-uri /haproxy/health');
    expect(text.match(/^ {2}server .*$/gm)).toEqual([
      '  server gateway-1 127.0.0.1:10100 check',
      '  server gateway-2 127.0.0.1:10200 check',
      '  server gateway-1-unchecked 127.0.0.1:10100 backup',
      '  server gateway-2-unchecked 127.0.0.1:10200 backup',
    ]);
  });
});
