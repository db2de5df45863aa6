// The project's import boundaries, as an ESLint rule: an app imports only the
// libraries (never another app, by path or by package), and the contracts
// library imports nothing of the runtime (the contracts are the only thing
// services share; the runtime builds on them, not the other way round).
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** Which part of the repository a file is in: an app (by name), a library (by name), or elsewhere. */
function areaOf(file) {
  const [top, name] = path.relative(root, file).split(path.sep);
  if (top === 'apps' && name) return { kind: 'app', name };
  if (top === 'libs' && name) return { kind: 'lib', name };
  return { kind: 'other' };
}

/** Whether a file in `from` may import `specifier` (`resolved`: its path, for relative imports). */
export function boundaryProblem(file, specifier) {
  const from = areaOf(file);
  const target = specifier.startsWith('.') ? areaOf(path.resolve(path.dirname(file), specifier)) : undefined;
  const shopPackage = /^@shop\/([^/]+)/.exec(specifier)?.[1];
  if (from.kind === 'app') {
    if (target?.kind === 'app' && target.name !== from.name) return `an app imports no other app (${from.name} → ${target.name}): share through the contracts`;
    if (shopPackage && !['runtime', 'event-contracts'].includes(shopPackage)) return `an app imports only @shop/runtime and @shop/event-contracts, not @shop/${shopPackage}`;
  }
  if (from.kind === 'lib' && from.name === 'event-contracts') {
    if ((target?.kind === 'lib' && target.name !== 'event-contracts') || (target?.kind === 'app') || (shopPackage && shopPackage !== 'event-contracts')) {
      return 'the contracts library imports nothing of the runtime or the apps: it is what they share';
    }
  }
  if (from.kind === 'lib' && from.name === 'runtime' && (target?.kind === 'app' || (shopPackage && !['runtime', 'event-contracts'].includes(shopPackage)))) {
    return 'the runtime imports no app';
  }
  return undefined;
}

const rule = {
  meta: { type: 'problem', docs: { description: 'apps import only the libraries; the contracts import nothing of the runtime' }, schema: [] },
  create(context) {
    const check = (node) => {
      const specifier = node.source?.value;
      if (typeof specifier !== 'string') return;
      const problem = boundaryProblem(context.filename, specifier);
      if (problem) context.report({ node: node.source, message: problem });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default { rules: { 'import-boundaries': rule } };
