#!/usr/bin/env node
// ./shop new subscriber <name> --events <type|topic>[,...]   a service that receives those events, past and future
// ./shop remove subscriber <name>                            and its database, consumer group and dead letters
//
// A subscriber is a folder under apps/: the folder is its registration (the
// native run, PostgreSQL provisioning, compose, tests and benchmarks find it
// there). Making one touches no producer and no contract; only docker-compose.yml
// and deploy/kafka-acls.json (written from the folders by ./shop compose), the
// Helm chart's values (by ./shop helm) and pnpm's lockfile change besides.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { schemaHeader, writeMessagingPieces } from '../prisma/app-schema.mjs';
import { shopServices } from './services.mjs';
import { subscriberFiles } from './subscriber-template.mjs';

const root = path.resolve(import.meta.dirname, '../..');

class Refused extends Error {}

/** The event catalog, from the contracts library's build. */
async function catalog() {
  const built = path.join(root, 'libs/event-contracts/dist/index.js');
  if (!existsSync(built)) throw new Refused('the contracts library is not built yet: run ./shop setup first');
  const contracts = await import(pathToFileURL(built).href);
  const byType = new Map(Object.entries(contracts.Events).map(([exportName, contract]) => [contract.type, exportName]));
  return contracts.describeEvents().map((event) => ({ ...event, exportName: byType.get(event.type) }));
}

/** The name of a new service: a folder, a package (@shop/<name>), a consumer group, a database (shop_<name>). */
function checkName(name, services) {
  const problems = [];
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name ?? '')) problems.push('use lowercase letters and digits, words joined by single hyphens, starting with a letter (e.g. fraud-check)');
  if (name && name.length > 40) problems.push('use at most 40 characters (it names a database and Kafka groups)');
  const taken = services.map((service) => service.name);
  if (taken.includes(name) || existsSync(path.join(root, 'apps', name ?? ''))) problems.push(`apps/${name} exists already (taken: ${taken.join(', ')})`);
  if (problems.length > 0) throw new Refused(`"${name ?? ''}" cannot name a subscriber: ${problems.join('; ')}`);
}

/** The event types asked for: each a type (shop.order.placed.v1) or a topic (shop.order.events: all its types). */
function chooseEvents(list, events) {
  const asked = (list ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  if (asked.length === 0) throw new Refused(`--events is required: one or more of\n${choices(events)}`);
  const unknown = asked.filter((item) => !events.some((event) => event.type === item || event.topic === item));
  if (unknown.length > 0) throw new Refused(`unknown event type or topic: ${unknown.join(', ')}; choose among\n${choices(events)}`);
  return events.filter((event) => asked.includes(event.type) || asked.includes(event.topic));
}

const choices = (events) =>
  [...new Set(events.map((event) => event.topic))]
    .map((topic) => `  ${topic} (from ${events.find((e) => e.topic === topic).producer}): ${events.filter((e) => e.topic === topic).map((e) => e.type).join(', ')}`)
    .join('\n');

function run(command, args, options = {}) {
  execFileSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], ...options });
}

async function newSubscriber(name, eventList) {
  const services = shopServices(root);
  checkName(name, services);
  const events = chooseEvents(eventList, await catalog());
  const port = Math.max(...services.map((service) => service.port)) + 1;
  const dir = path.join(root, 'apps', name);
  const template = path.join(root, 'apps/history/package.json');
  const files = subscriberFiles({ name, port, events, dependencies: JSON.parse(readFileSync(template, 'utf8')), createdAt: new Date(), schemaHeader: schemaHeader() });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  writeMessagingPieces(dir);
  console.log(`created apps/${name}: port ${port}, consumer group ${name}, database shop_${name.replaceAll('-', '_')}; handles ${events.map((e) => e.type).join(', ')}`);
  run('pnpm', ['install', '--offline', '--no-frozen-lockfile', '--reporter=silent']);
  run('node', [path.join(root, 'tools/services/compose.mjs')]);
  run('node', [path.join(root, 'tools/services/helm.mjs')]);
  console.log(`
next:
  ./shop up                    builds it, makes its database and starts it beside the others (Ctrl-C a running ./shop up first)
  ./shop catch-up ${name} ${[...new Set(events.map((e) => e.topic))].join(' ')}
                               watch it read the shop's history (lag per partition, progress, events/s)
  apps/${name}/src/handlers/   your code: one handler per event type, its spec beside it
  ./shop remove subscriber ${name}`);
}

async function removeSubscriber(name) {
  const service = shopServices(root).find((candidate) => candidate.name === name);
  if (!service) throw new Refused(`no service apps/${name ?? ''}`);
  const manifest = JSON.parse(readFileSync(path.join(service.dir, 'package.json'), 'utf8'));
  if (manifest.shop?.subscriber !== true) throw new Refused(`apps/${name} is not a subscriber made by ./shop new subscriber; remove it by hand if you mean it`);
  rmSync(service.dir, { recursive: true, force: true });
  console.log(`removed apps/${name}`);
  run('pnpm', ['install', '--offline', '--no-frozen-lockfile', '--reporter=silent']);
  run('node', [path.join(root, 'tools/services/compose.mjs')]);
  run('node', [path.join(root, 'tools/services/helm.mjs')]);
  // Its database and role, its consumer group and dead letters (a later service of that name starts afresh).
  run('bash', [path.join(root, 'infra/lib/forget-service.sh'), name]);
}

const [command, kind, name, ...rest] = process.argv.slice(2);
const eventsFlag = rest.indexOf('--events');
try {
  if (kind !== 'subscriber' || !['new', 'remove'].includes(command)) throw new Refused('usage: ./shop new subscriber <name> --events <type|topic>[,...] | ./shop remove subscriber <name>');
  if (command === 'new') await newSubscriber(name, eventsFlag >= 0 ? rest[eventsFlag + 1] : undefined);
  else await removeSubscriber(name);
} catch (error) {
  // A step that failed has said why on its own stderr.
  if (typeof error?.status === 'number') process.exit(error.status);
  if (!(error instanceof Refused)) throw error;
  console.error(`error: ${error.message}`);
  console.error('nothing was written');
  process.exit(2);
}
