import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { deadLetterTopic, EVENT_TOPICS, REQUEST_PATTERNS, RequestPatterns, Topics } from '@shop/event-contracts';
import { type AclRule, requestServerOf, serviceAcls, type ServiceKafkaRole } from './service-acls.js';
import { shopAcls } from './shop-acls.js';

const readIfExists = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '');

const role = (name: string, parts: Partial<ServiceKafkaRole> = {}): ServiceKafkaRole => ({ name, consumes: [], calls: [], follows: [], operatesDeadLetters: [], ...parts });
const held = (rules: AclRule[], principal: string, operation: AclRule['operation'], resource: AclRule['resource'] = 'topic') =>
  rules.filter((rule) => rule.principal === principal && rule.operation === operation && rule.resource === resource).map((rule) => rule.name).sort();

describe('requestServerOf', () => {
  it('reads the serving app from the pattern, with the producer spelling of the app', () => {
    expect(requestServerOf(RequestPatterns.placeOrder)).toBe('order');
    expect(requestServerOf(RequestPatterns.listProducts)).toBe('inventory');
    expect(requestServerOf('shop.slack.ping')).toBe('slack-notifier');
    expect(() => requestServerOf('orders')).toThrow(/not a request pattern/);
  });
});

describe('serviceAcls', () => {
  it('lets a service write its own events and the replies it serves, and nothing else', () => {
    const rules = serviceAcls([role('order', { consumes: [Topics.inventoryEvents] })]);
    expect(held(rules, 'User:order', 'write')).toEqual(
      [
        Topics.orderEvents,
        deadLetterTopic(Topics.inventoryEvents, 'order'),
        `${RequestPatterns.placeOrder}.reply`,
        `${RequestPatterns.getOrder}.reply`,
        `${RequestPatterns.cancelOrder}.reply`,
      ].sort(),
    );
  });

  it('lets a service read what it consumes, its dead letters and the requests it serves, in its own groups', () => {
    const rules = serviceAcls([role('inventory', { consumes: [Topics.orderEvents] })]);
    expect(held(rules, 'User:inventory', 'read')).toEqual(
      [Topics.orderEvents, deadLetterTopic(Topics.orderEvents, 'inventory'), RequestPatterns.listProducts, RequestPatterns.restock].sort(),
    );
    expect(held(rules, 'User:inventory', 'read', 'group')).toEqual(['inventory', 'inventory-requests-server']);
    expect(held(rules, 'User:inventory', 'create')).toEqual([deadLetterTopic(Topics.orderEvents, 'inventory')]);
  });

  it('gives a subscriber that serves no request read access only, plus its own dead-letter topics', () => {
    const rules = serviceAcls([role('fraud-detection', { consumes: [Topics.orderEvents, Topics.shippingEvents] })]);
    const writes = held(rules, 'User:fraud-detection', 'write');
    expect(writes).toEqual([deadLetterTopic(Topics.orderEvents, 'fraud-detection'), deadLetterTopic(Topics.shippingEvents, 'fraud-detection')]);
    expect(held(rules, 'User:fraud-detection', 'read', 'group')).toEqual(['fraud-detection']);
  });

  it('lets the caller of requests write them and read their replies in its per-process groups (prefixed)', () => {
    const rules = serviceAcls([role('gateway', { calls: REQUEST_PATTERNS, follows: EVENT_TOPICS })]);
    expect(held(rules, 'User:gateway', 'write')).toEqual([...REQUEST_PATTERNS].sort());
    expect(held(rules, 'User:gateway', 'read')).toEqual([...REQUEST_PATTERNS.map((pattern) => `${pattern}.reply`), ...EVENT_TOPICS].sort());
    expect(rules.filter((rule) => rule.resource === 'group')).toEqual([
      { principal: 'User:gateway', resource: 'group', pattern: 'prefixed', name: 'gateway-replies-', operation: 'read' },
      { principal: 'User:gateway', resource: 'group', pattern: 'prefixed', name: 'gateway-events-', operation: 'read' },
    ]);
  });
});

describe("the shop's ACLs (its apps and their handlers)", () => {
  const rules = shopAcls();
  const writers = (topic: string) => [...new Set(rules.filter((rule) => rule.operation === 'write' && rule.name === topic).map((rule) => rule.principal))];

  it('has each event topic written by its producer (and by the operators\' door, to replay dead letters), and each request by the gateway alone', () => {
    for (const topic of EVENT_TOPICS) expect(writers(topic).sort()).toEqual([`User:${topic === Topics.slackEvents ? 'slack-notifier' : topic.split('.')[1]}`, 'User:gateway'].sort());
    for (const pattern of REQUEST_PATTERNS) expect(writers(pattern)).toEqual(['User:gateway']);
  });

  it('grants each group, and each dead-letter topic, to the service whose group it is (the gateway only reads dead letters, in replay groups)', () => {
    const operations = (rule: AclRule) => rule.principal === 'User:gateway' && (rule.name.endsWith('.dlq-') || (rule.name.includes('.dlq.') && rule.operation === 'read'));
    for (const rule of rules.filter((rule) => (rule.resource === 'group' || rule.name.includes('.dlq.')) && !operations(rule))) {
      const owner = rule.principal.slice('User:'.length);
      expect(rule.resource === 'group' ? rule.name : rule.name.split('.dlq.')[1]).toMatch(new RegExp(`^${owner}($|-)`));
    }
  });

  it('gives a request server group to the apps that serve requests (runService with servesRequests), and to no other', () => {
    const appsDir = path.resolve(import.meta.dirname, '../../../../../apps');
    const serving = readdirSync(appsDir).filter((app) => /servesRequests:\s*true/.test(readIfExists(path.join(appsDir, app, 'src/main.ts'))));
    const granted = rules.filter((rule) => rule.resource === 'group' && rule.name.endsWith('-requests-server')).map((rule) => rule.principal.slice('User:'.length));
    expect(granted.sort()).toEqual(serving.sort());
  });

  it("lets the operators' door read each consuming group's dead letters and republish them, and nothing more of that group", () => {
    const gateway = rules.filter((rule) => rule.principal === 'User:gateway');
    for (const service of ['inventory', 'shipping', 'email', 'history', 'slack-notifier', 'order']) {
      const ofGroup = gateway.filter((rule) => rule.name.includes(`.dlq.${service}`) || rule.name.startsWith(`${service}.`) || rule.name === service);
      expect(ofGroup.length).toBeGreaterThan(1);
      for (const rule of ofGroup) expect([rule.name, rule.operation]).toEqual([rule.name, 'read']);
      expect(ofGroup.filter((rule) => rule.resource === 'group')).toEqual([{ principal: 'User:gateway', resource: 'group', pattern: 'prefixed', name: `${service}.dlq-`, operation: 'read' }]);
    }
  });

  it('lets every consuming service read some topic in its own group', () => {
    for (const service of ['inventory', 'shipping', 'email', 'history', 'slack-notifier', 'order']) {
      expect(held(rules, `User:${service}`, 'read', 'group')).toContain(service);
    }
  });
});
