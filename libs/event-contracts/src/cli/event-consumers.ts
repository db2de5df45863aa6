import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ALL_EVENTS, Events, type EventType } from '../events/catalog.js';

/** An app whose source is read: its name and folder (tools/services/services.mjs gives them). */
export interface AppFolder {
  name: string;
  dir: string;
}

/** A handler class whose contract could not be resolved to an event type: the scan is incomplete. */
export interface UnresolvedHandler {
  app: string;
  file: string;
  contract: string;
}

export interface ConsumerScan {
  /** Apps handling each event type, sorted; every type of the catalog is a key. */
  consumers: Record<EventType, string[]>;
  unresolved: UnresolvedHandler[];
}

/**
 * Finds, without running anything, which app handles which event type. The
 * runtime dispatches by the `contract` of each handler class
 * (`readonly contract = …`), so the scan reads each app's src/ (specs,
 * test helpers and generated code excluded) and resolves that expression:
 *
 * - `Events.orderPlacedV1` (inventory, shipping);
 * - `OrderEvents.stockReserved`, a key of an object of the app's own whose
 *   entry names `Events.stockReservedV1` (order's `namespacedEvent(Events.x, …)`);
 * - anything else (`spec.contract`, a factory's parameter): the handler class
 *   is made per registered contract, so the contracts are those the same file
 *   registers, `contract: Events.x` entries (email, slack-notifier), or all of
 *   them when it maps `ALL_EVENTS` (history).
 *
 * A handler left unresolved is reported, never guessed.
 */
export function scanConsumers(apps: readonly AppFolder[]): ConsumerScan {
  const consumers = Object.fromEntries(ALL_EVENTS.map((contract) => [contract.type, [] as string[]])) as Record<EventType, string[]>;
  const unresolved: UnresolvedHandler[] = [];
  for (const app of apps) {
    const files = sourceFiles(path.join(app.dir, 'src')).map((file) => ({ file, text: stripComments(readFileSync(file, 'utf8')) }));
    const aliases = aliasTable(files.map(({ text }) => text));
    const handled = new Set<EventType>();
    for (const { file, text } of files) {
      for (const match of text.matchAll(/readonly\s+contract\s*(?::[^=;]+)?=\s*([^;\n]+)/g)) {
        const expression = match[1]!.trim();
        const types = resolveContract(expression, text, aliases);
        if (types.length === 0) unresolved.push({ app: app.name, file: path.relative(app.dir, file), contract: expression });
        for (const type of types) handled.add(type);
      }
    }
    for (const type of handled) consumers[type].push(app.name);
  }
  for (const list of Object.values(consumers)) list.sort();
  return { consumers, unresolved };
}

/** The event types a `readonly contract = <expression>` stands for, in the file `text`. */
export function resolveContract(expression: string, text: string, aliases: ReadonlyMap<string, EventType>): EventType[] {
  const direct = /^Events\.(\w+)\b/.exec(expression);
  if (direct) return typeOf(direct[1]!);
  const member = /^(\w+)\.(\w+)$/.exec(expression);
  const alias = member ? aliases.get(`${member[1]}.${member[2]}`) : undefined;
  if (alias) return [alias];
  // A handler class made per contract: the contracts are what the file registers.
  if (/\bALL_EVENTS\s*\.\s*map\s*\(|Object\.values\(\s*Events\s*\)\s*\.\s*map\s*\(/.test(text)) return ALL_EVENTS.map((contract) => contract.type);
  return [...text.matchAll(/\bcontract\s*:\s*Events\.(\w+)\b/g)].flatMap((match) => typeOf(match[1]!));
}

/** `Alias.key` → event type, for every `const Alias = { key: …Events.name… }` of the app. */
export function aliasTable(texts: readonly string[]): Map<string, EventType> {
  const table = new Map<string, EventType>();
  for (const text of texts) {
    for (const declaration of text.matchAll(/\bconst\s+(\w+)\s*(?::[^=]+)?=\s*\{/g)) {
      const body = balancedBody(text, declaration.index + declaration[0].length - 1);
      for (const entry of body.matchAll(/(?:^|[,{\s])(\w+)\s*:\s*(?:\w+\()?\s*Events\.(\w+)\b/g)) {
        const [type] = typeOf(entry[2]!);
        if (type) table.set(`${declaration[1]}.${entry[1]}`, type);
      }
    }
  }
  return table;
}

function typeOf(name: string): EventType[] {
  const contract = (Events as Record<string, { type: EventType } | undefined>)[name];
  return contract ? [contract.type] : [];
}

/** The text between the brace at `open` and its match. */
function balancedBody(text: string, open: number): string {
  let depth = 0;
  for (let index = open; index < text.length; index += 1) {
    if (text[index] === '{') depth += 1;
    else if (text[index] === '}' && (depth -= 1) === 0) return text.slice(open + 1, index);
  }
  return text.slice(open + 1);
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** The app's TypeScript sources: no specs, declarations, test helpers or generated code. */
function sourceFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return ['generated', 'testing', 'node_modules'].includes(entry.name) ? [] : sourceFiles(full);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
    });
}
