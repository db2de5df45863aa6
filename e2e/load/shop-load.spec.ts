import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { infra, uniqueSuffix } from '../support/environment.js';
import { addProduct } from '../support/inventory-fixtures.js';
import { ShopSystem } from '../support/shop-system.js';

// `./shop load` for 10 s at a low rate against a whole shop, as a user runs it (its own process, the public API only).
// Ports 3800-3806: this work's range, apart from ./shop up and the other tests.
const shop = new ShopSystem(3800);
const RATE = 4;
const DURATION_S = 10;
// Products of the test's own (stock 0: the load's restocks fill them), so the demo catalog's stock is left as it is.
const skus = ['A', 'B', 'C'].map((letter) => `IT-${uniqueSuffix()}-LOAD-${letter}`.toUpperCase());

beforeAll(async () => {
  await Promise.all([shop.start(), ...skus.map((sku) => addProduct(sku, 0))]);
}, 90_000);
afterAll(() => shop.stop());

/** A row of the summary table: `| name | value |`. */
const row = (summary: string, name: string) => new RegExp(`^\\| ${name} \\| (.*) \\|$`, 'm').exec(summary)?.[1];

describe('./shop load', () => {
  it('sends the rate asked for, sees the orders decided on the order topic, and the shop answers no 5xx', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--disable-warning=TimeoutNegativeWarning', 'bench/load/load.ts', '--rate', String(RATE), '--duration', String(DURATION_S), '--gateway', shop.gatewayUrl, '--kafka', infra.kafkaBrokers.join(','), '--skus', skus.join(','), '--customers', '8'],
      { cwd: path.resolve(import.meta.dirname, '../..'), timeout: 60_000 },
    );
    const sent = Number(row(stdout, 'sent'));
    expect(sent).toBeGreaterThanOrEqual(RATE * DURATION_S - 1);
    expect(sent).toBeLessThanOrEqual(RATE * DURATION_S);
    const decided = /^\| decided \| (\d+): confirmed (\d+), rejected (\d+), cancelled (\d+) \|$/m.exec(stdout);
    expect(decided).not.toBeNull();
    expect(Number(decided![1])).toBeGreaterThan(0);
    expect(Number(decided![2])).toBeGreaterThan(0);
    expect(row(stdout, 'errors')).not.toMatch(/\b5\d\d\b|network|dropped/);
    expect(stdout).toMatch(/^\| placed→decided \(ce_time to ce_time\) \| [1-9]/m);
    expect(stdout).toContain('Limits in force: the gateway allows each caller');
  }, 90_000);
});
