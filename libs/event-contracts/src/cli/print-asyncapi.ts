#!/usr/bin/env node
// Prints the AsyncAPI 3.0 document of every event (JSON), built from the catalog.
import { asyncApiDocument } from '../asyncapi.js';

process.stdout.write(`${JSON.stringify(asyncApiDocument(), null, 2)}\n`);
