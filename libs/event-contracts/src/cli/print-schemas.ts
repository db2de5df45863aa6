#!/usr/bin/env node
// Prints the published JSON Schemas: all of them, or only the names given as arguments.
import { publishedJsonSchemas } from '../json-schemas.js';

const schemas = publishedJsonSchemas();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in schemas));

if (unknown.length > 0) {
  console.error(`unknown schema ${unknown.join(', ')}; known: ${Object.keys(schemas).join(', ')}`);
  process.exit(2);
}

const selected = wanted.length > 0 ? Object.fromEntries(wanted.map((name) => [name, schemas[name]])) : schemas;
process.stdout.write(`${JSON.stringify(selected, null, 2)}\n`);
