#!/usr/bin/env node
// Writes JSON Schemas that kubeconform reads from a folder (no download): one file per
// kind and API version, named as kubeconform's schema location template
// `{{ .ResourceKind }}{{ .KindSuffix }}.json` expects (deployment-apps-v1.json,
// service-v1.json, kafkatopic-kafka-v1.json), each standalone (every $ref inlined)
// and strict (no property that the schema does not name, as kubectl's validation).
//
//   node infra/helm/json-schemas.mjs <out dir> --openapi <api/openapi-spec/v3 dir> [--crds <file.yaml|dir>]...
//
// --openapi: Kubernetes' own OpenAPI v3 documents (api/openapi-spec/v3 of the
//   k8s.io/kubernetes module, one per group version); every schema with an
//   x-kubernetes-group-version-kind becomes a file.
// --crds: CustomResourceDefinitions in YAML; every version's openAPIV3Schema becomes a
//   file, its metadata checked as Kubernetes' ObjectMeta (from --openapi).
// The conversions are those of kubeconform's openapi2jsonschema.py: int-or-string as
// string or integer, nullable as a type of its own, additionalProperties false where an
// object lists its properties (not where x-kubernetes-preserve-unknown-fields allows more).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
// The workspace's YAML parser (a dependency of e2e/, installed by ./shop setup).
const { parseAllDocuments } = createRequire(path.join(root, 'e2e/package.json'))('yaml');

/** The OpenAPI schemas of every group version, by name (io.k8s.api.apps.v1.Deployment). */
function readOpenApi(dir) {
  const schemas = {};
  for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.json')).sort()) {
    const document = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    Object.assign(schemas, document.components?.schemas ?? {});
  }
  return schemas;
}

/** A schema with its $refs inlined (a reference back into itself accepts anything) and kubeconform's conversions applied. */
function standalone(schema, definitions, seen = []) {
  if (Array.isArray(schema)) return schema.map((item) => standalone(item, definitions, seen));
  if (schema === null || typeof schema !== 'object') return schema;
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace(/^#\/components\/schemas\//, '');
    if (seen.includes(name)) return {};
    const target = definitions[name];
    if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
    const { $ref: _ref, ...siblings } = schema;
    return { ...standalone(target, definitions, [...seen, name]), ...standalone(siblings, definitions, seen) };
  }
  // `allOf: [{$ref}]` is how OpenAPI v3 gives a referenced schema a default or description.
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1 && schema.allOf[0].$ref) {
    const { allOf, ...rest } = schema;
    return { ...standalone(allOf[0], definitions, seen), ...standalone(rest, definitions, seen) };
  }
  if (schema.format === 'int-or-string' || schema['x-kubernetes-int-or-string'] === true) {
    const { type: _type, format: _format, 'x-kubernetes-int-or-string': _intOrString, ...rest } = schema;
    return { ...standalone(rest, definitions, seen), oneOf: [{ type: 'string' }, { type: 'integer' }] };
  }
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    // Property names are data, not keywords: recurse into the values only.
    if (key === 'properties' || key === 'patternProperties') {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, standalone(property, definitions, seen)]));
    } else if (key === 'default' || key === 'example' || key === 'enum' || key.startsWith('x-')) {
      out[key] = value;
    } else {
      out[key] = standalone(value, definitions, seen);
    }
  }
  if (out.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  delete out.nullable;
  if (out.properties && out.additionalProperties === undefined && out['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

/** kubeconform's file name for a kind: kind-<first part of the group>-<version>, or kind-<version> for the core group. */
function fileName(group, version, kind) {
  const prefix = group ? `-${group.split('.')[0]}` : '';
  return `${kind.toLowerCase()}${prefix}-${version}.json`.toLowerCase();
}

function writeSchema(out, name, schema, written) {
  if (written.has(name)) return;
  written.add(name);
  fs.writeFileSync(path.join(out, name), JSON.stringify({ $schema: 'http://json-schema.org/schema#', ...schema }));
}

function crdFiles(location) {
  if (fs.statSync(location).isDirectory()) {
    return fs.readdirSync(location).filter((name) => /\.ya?ml$/.test(name)).sort().map((name) => path.join(location, name));
  }
  return [location];
}

function main(args) {
  const [out, ...rest] = args;
  const openApiDirs = [];
  const crdLocations = [];
  for (let i = 0; i < rest.length; i += 2) {
    if (rest[i] === '--openapi') openApiDirs.push(rest[i + 1]);
    else if (rest[i] === '--crds') crdLocations.push(rest[i + 1]);
    else throw new Error(`unknown argument ${rest[i]}`);
  }
  if (!out || openApiDirs.length === 0) throw new Error('usage: json-schemas.mjs <out dir> --openapi <dir> [--crds <file|dir>]...');
  fs.mkdirSync(out, { recursive: true });
  const definitions = Object.assign({}, ...openApiDirs.map(readOpenApi));
  const written = new Set();
  for (const [name, schema] of Object.entries(definitions)) {
    for (const gvk of schema['x-kubernetes-group-version-kind'] ?? []) {
      // Every group lists meta's DeleteOptions, WatchEvent...: kept only under their own group.
      if (name.startsWith('io.k8s.apimachinery.pkg.apis.meta.') && gvk.group !== '') continue;
      writeSchema(out, fileName(gvk.group, gvk.version, gvk.kind), standalone(schema, definitions, [name]), written);
    }
  }
  const objectMeta = definitions['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'];
  let crds = 0;
  for (const location of crdLocations) {
    for (const file of crdFiles(location)) {
      for (const document of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
        const crd = document.toJS();
        if (crd?.kind !== 'CustomResourceDefinition') continue;
        for (const version of crd.spec.versions ?? []) {
          const schema = version.schema?.openAPIV3Schema;
          if (!schema) continue;
          // A CRD leaves metadata as `type: object`; the API server checks it as ObjectMeta.
          if (objectMeta && schema.properties?.metadata && !schema.properties.metadata.properties) {
            schema.properties.metadata = { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' };
          }
          writeSchema(out, fileName(crd.spec.group, version.name, crd.spec.names.kind), standalone(schema, definitions), written);
          crds++;
        }
      }
    }
  }
  console.log(`${written.size} schemas in ${out} (${crds} from custom resource definitions)`);
}

main(process.argv.slice(2));
