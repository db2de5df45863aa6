#!/usr/bin/env node
// `./shop events`: every event type, its topic, its producer, the apps consuming
// it (read from their source) and its top-level fields. `--json` for machines.
import { shopServices } from '../../../../tools/services/services.mjs';
import { formatTable, listEvents } from './event-listing.js';

const USAGE = 'usage: ./shop events [--json]\n  every event type: its topic, producer, consuming apps and top-level fields; --json for machines\n';
const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const unknown = argv.filter((arg) => arg !== '--json');
if (unknown.length > 0) {
  process.stderr.write(`${USAGE}unknown argument: ${unknown.join(' ')}\n`);
  process.exit(2);
}
const listing = listEvents(shopServices());
process.stdout.write(argv.includes('--json') ? `${JSON.stringify(listing, null, 2)}\n` : formatTable(listing));
