import { type DynamicModule, type ForwardReference, RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import type { HttpMethod, OpenApiDocument } from './openapi-document.js';

/** One route, as OpenAPI names it: `GET /orders/{id}`. */
export type Route = `${Uppercase<HttpMethod>} ${string}`;

type ModuleLike = Type<unknown> | DynamicModule | ForwardReference | Promise<DynamicModule> | undefined;

/** Every controller of a module and of all it imports, read from Nest's module metadata as Nest's scanner reads it. */
export function controllersOf(root: ModuleLike): Type<unknown>[] {
  const controllers = new Set<Type<unknown>>();
  const visited = new Set<unknown>();
  const visit = (entry: ModuleLike): void => {
    if (!entry || visited.has(entry)) return;
    visited.add(entry);
    if (entry instanceof Promise) throw new Error('an asynchronous dynamic module cannot be read statically');
    if ('forwardRef' in entry) return visit(entry.forwardRef() as ModuleLike);
    const dynamic = 'module' in entry ? entry : undefined;
    const moduleClass = dynamic ? dynamic.module : (entry as Type<unknown>);
    const own = (key: string): unknown[] => (Reflect.getMetadata(key, moduleClass) as unknown[] | undefined) ?? [];
    for (const controller of [...own(MODULE_METADATA.CONTROLLERS), ...(dynamic?.controllers ?? [])]) controllers.add(controller as Type<unknown>);
    for (const imported of [...own(MODULE_METADATA.IMPORTS), ...(dynamic?.imports ?? [])]) visit(imported as ModuleLike);
    if (dynamic) visit(moduleClass);
  };
  visit(root);
  return [...controllers];
}

/** The routes a controller registers: its path(s) joined with each handler's, `:param` as `{param}`. */
export function routesOf(controller: Type<unknown>): Route[] {
  return routeHandlersOf(controller).map(({ route }) => route);
}

/** Each route of a controller with the method handling it (where its decorators left their metadata). */
export function routeHandlersOf(controller: Type<unknown>): { route: Route; handler: object }[] {
  const prefixes = asList(Reflect.getMetadata(PATH_METADATA, controller));
  const prototype = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).flatMap((name) => {
    const handler = prototype[name];
    if (name === 'constructor' || typeof handler !== 'function') return [];
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    if (method === undefined) return [];
    const verb = RequestMethod[method] as Uppercase<HttpMethod> | 'ALL' | 'SEARCH';
    if (verb === 'ALL' || verb === 'SEARCH') throw new Error(`${controller.name}.${name}: ${verb} cannot be documented one operation per method`);
    const paths = asList(Reflect.getMetadata(PATH_METADATA, handler));
    return prefixes.flatMap((prefix) => paths.map((path) => ({ route: `${verb} ${openApiPath(prefix, path)}` as Route, handler })));
  });
}

/** Every route of a module tree. */
export function routesOfModule(root: ModuleLike): Route[] {
  return controllersOf(root).flatMap(routesOf).sort();
}

/** Every operation of a document. */
export function documentedRoutes(document: OpenApiDocument): Route[] {
  return Object.entries(document.paths)
    .flatMap(([path, operations]) => Object.keys(operations).map((method): Route => `${method.toUpperCase() as Uppercase<HttpMethod>} ${path}`))
    .sort();
}

/** `orders` + `:id/cancel` → `/orders/{id}/cancel`; the root is `/`. */
export function openApiPath(...segments: string[]): string {
  const joined = segments
    .flatMap((segment) => segment.split('/'))
    .filter((part) => part !== '')
    .map((part) => part.replace(/^:(\w+)$/, '{$1}'))
    .join('/');
  return `/${joined}`;
}

function asList(value: unknown): string[] {
  if (value === undefined) return ['/'];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}
