import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { shopServices } from '../../../../tools/services/services.mjs';
import { ALL_EVENTS, Events } from '../events/catalog.js';
import { describeEvents } from '../events/event-list.js';
import { aliasTable, scanConsumers } from './event-consumers.js';
import { formatTable, listEvents } from './event-listing.js';

/** Apps written to a temporary folder, one source file each (path → text). */
function fixtureApps(apps: Record<string, Record<string, string>>) {
  const root = mkdtempSync(path.join(tmpdir(), 'event-consumers-'));
  for (const [name, files] of Object.entries(apps)) {
    for (const [file, text] of Object.entries(files)) {
      const full = path.join(root, name, file);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, text);
    }
  }
  return { root, apps: Object.keys(apps).map((name) => ({ name, dir: path.join(root, name) })) };
}

describe('finding the consumers of each event type in the apps’ source', () => {
  let fixture: ReturnType<typeof fixtureApps>;

  beforeAll(() => {
    fixture = fixtureApps({
      direct: {
        'src/placed.handler.ts': 'export class PlacedHandler {\n  readonly contract = Events.orderPlacedV1;\n}\n',
        // Not the app's code: specs, test helpers, generated code and comments.
        'src/placed.handler.spec.ts': 'class X { readonly contract = Events.orderShippedV1; }',
        'src/testing/fake.ts': 'class X { readonly contract = Events.orderShippedV1; }',
        'src/generated/client.ts': 'class X { readonly contract = Events.orderShippedV1; }',
        'src/old.ts': '// readonly contract = Events.orderShippedV1;\n/* readonly contract = Events.orderRejectedV1; */\n',
      },
      aliased: {
        'src/topics.ts': 'export const MyEvents = {\n  reserved: namespacedEvent(Events.stockReservedV1, namespace),\n  failed: Events.shipmentFailedV1,\n};\n',
        'src/reserved.handler.ts': 'class A { readonly contract = MyEvents.reserved; }\nclass B { readonly contract: EventContract<X> = MyEvents.failed; }',
      },
      registered: {
        'src/handlers.ts':
          'const NOTICES = [\n  notice({ contract: Events.orderConfirmedV1, compose }),\n  notice({ contract: Events.orderRejectedV1, compose }),\n];\n' +
          'function handlerFor(spec) {\n  class H { readonly contract = spec.contract; }\n  return H;\n}\n',
      },
      everything: { 'src/recorder.ts': 'function f(contract) { class R { readonly contract = contract as unknown as EventContract<D>; } }\nexport const ALL = ALL_EVENTS.map(f);\n' },
      unknown: { 'src/mystery.handler.ts': 'class M { readonly contract = pickContract(); }' },
      none: { 'src/main.ts': 'console.log(Events.orderPlacedV1.type);' },
    });
  });
  afterAll(() => rmSync(fixture.root, { recursive: true, force: true }));

  it('resolves each way a handler names its contract, and reports what it cannot resolve', () => {
    const { consumers, unresolved } = scanConsumers(fixture.apps);
    const handled = (app: string) => ALL_EVENTS.map((contract) => contract.type).filter((type) => consumers[type].includes(app));
    expect(handled('direct')).toEqual([Events.orderPlacedV1.type]);
    expect(handled('aliased')).toEqual([Events.stockReservedV1.type, Events.shipmentFailedV1.type]);
    expect(handled('registered')).toEqual([Events.orderConfirmedV1.type, Events.orderRejectedV1.type]);
    expect(handled('everything')).toEqual(ALL_EVENTS.map((contract) => contract.type));
    expect(handled('none')).toEqual([]);
    expect(handled('unknown')).toEqual([]);
    expect(unresolved).toEqual([{ app: 'unknown', file: path.join('src', 'mystery.handler.ts'), contract: 'pickContract()' }]);
    expect(consumers[Events.orderPlacedV1.type]).toEqual(['direct', 'everything']);
  });

  it('reads `Alias.key` entries of the app’s own objects', () => {
    const table = aliasTable(['export const OrderEvents = {\n  placed: namespacedEvent(Events.orderPlacedV1, ns),\n  nope: Events.notAnEvent,\n};']);
    expect([...table]).toEqual([['OrderEvents.placed', Events.orderPlacedV1.type]]);
  });

  it('prints a table: a row per type, a line per consumer and per field, (none) without consumers, and warnings', () => {
    const table = formatTable(listEvents(fixture.apps));
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^TYPE +TOPIC +PRODUCER +CONSUMERS +FIELDS$/);
    expect(lines[1]).toMatch(/^shop\.order\.placed\.v1 +shop\.order\.events +order +direct +orderId +string \(uuid\)$/);
    expect(lines[2]).toMatch(/^ +everything +customerId +string$/);
    expect(table).toMatch(/\nshop\.email\.sent\.v1 +shop\.email\.events +email +everything +orderId /);
    expect(table).toContain('trackingUrl?     string (uri)');
    expect(table).toContain(`${ALL_EVENTS.length} event types on 5 topics`);
    expect(table).toContain("warning: unknown/src/mystery.handler.ts: a handler's contract (pickContract()) names no event type");
    const bare = formatTable(listEvents([]));
    expect(bare).toMatch(/\nshop\.order\.placed\.v1 +shop\.order\.events +order +\(none\) +orderId/);
    expect(bare).not.toContain('warning');
  });
});

describe('the consumers of the shop’s own apps (tools/services/services.mjs)', () => {
  const apps = shopServices();
  const { events, unresolved } = listEvents(apps);
  const consumersOf = (type: string) => events.find((event) => event.type === type)!.consumers;

  it('resolves every handler of every app', () => {
    expect(unresolved).toEqual([]);
  });

  it('finds the handlers as each app writes them', () => {
    // history records every event; inventory names Events.x; order goes through its own OrderEvents;
    // email and slack-notifier register contracts with a handler class made per contract.
    for (const event of events) expect([event.type, event.consumers]).toEqual([event.type, expect.arrayContaining(['history'])]);
    expect(consumersOf(Events.orderPlacedV1.type)).toEqual(expect.arrayContaining(['inventory', 'email']));
    expect(consumersOf(Events.stockReservedV1.type)).toEqual(expect.arrayContaining(['order']));
    expect(consumersOf(Events.orderConfirmedV1.type)).toEqual(expect.arrayContaining(['shipping', 'slack-notifier']));
    expect(events.flatMap((event) => event.consumers)).not.toContain('gateway');
  });

  it('names producers that are apps', () => {
    const names = apps.map((app) => app.name);
    for (const event of describeEvents()) expect([event.topic, names]).toEqual([event.topic, expect.arrayContaining([event.producer])]);
  });
});
