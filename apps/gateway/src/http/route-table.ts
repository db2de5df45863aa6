import type { Type } from '@nestjs/common';
import type { ModulesContainer } from '@nestjs/core';
import { type Route, routesOf } from '../openapi/routes.js';

/** Injection token of the app's RouteTable. */
export const ROUTE_TABLE = Symbol('ROUTE_TABLE');

interface PathTemplate {
  template: string;
  /** Captures each parameter's segment, in the order of `parameters`. */
  pattern: RegExp;
  parameters: string[];
  methods: Set<string>;
}

/**
 * The app's routes by path, to tell an unknown path (404) from a known path
 * asked with a method it does not take (405, with the methods it takes).
 */
export class RouteTable {
  private readonly templates: PathTemplate[];

  constructor(routes: readonly Route[]) {
    const byTemplate = new Map<string, PathTemplate>();
    for (const route of routes) {
      const [method, template] = route.split(' ') as [string, string];
      const entry = byTemplate.get(template) ?? { template, ...pathPattern(template), methods: new Set<string>() };
      entry.methods.add(method);
      // Express answers HEAD with the GET handler, without the body.
      if (method === 'GET') entry.methods.add('HEAD');
      byTemplate.set(template, entry);
    }
    this.templates = [...byTemplate.values()];
  }

  /** The templates (`/orders/{id}`) a request path falls under, as Express matches them; empty for an unknown path. */
  templatesOf(path: string): string[] {
    return this.matching(path).map(({ template }) => template);
  }

  /** The parameters of the templates a request path falls under, by name, as sent (not percent-decoded). */
  parametersAt(path: string): Record<string, string> {
    return Object.assign({}, ...this.matching(path).map(({ parameters }) => parameters)) as Record<string, string>;
  }

  /** The methods a request path takes, sorted (GET brings HEAD); undefined for an unknown path. */
  methodsAt(path: string): string[] | undefined {
    const matching = this.matching(path);
    if (matching.length === 0) return undefined;
    return [...new Set(matching.flatMap(({ methods }) => [...methods]))].sort();
  }

  private matching(path: string): { template: string; methods: Set<string>; parameters: Record<string, string> }[] {
    return this.templates.flatMap(({ template, pattern, parameters: names, methods }) => {
      const match = pattern.exec(path);
      return match ? [{ template, methods, parameters: Object.fromEntries(names.map((name, index) => [name, match[index + 1]!])) }] : [];
    });
  }
}

/** The routes of every controller the app registered, read from Nest's modules. */
export function routeTableOf(modules: ModulesContainer): RouteTable {
  const controllers = new Set<Type<unknown>>();
  for (const module of modules.values()) {
    for (const wrapper of module.controllers.values()) controllers.add(wrapper.metatype as Type<unknown>);
  }
  return new RouteTable([...controllers].flatMap(routesOf));
}

/**
 * A template as Express matches a request path against it: a parameter is one
 * non-empty segment, letters in any case, one trailing slash allowed (Express's
 * defaults: not case-sensitive, not strict). Matched on the path as sent, before
 * any percent-decoding, as Express does.
 */
function pathPattern(template: string): Pick<PathTemplate, 'pattern' | 'parameters'> {
  const parameters: string[] = [];
  const segments = template
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      const parameter = /^\{(\w+)\}$/.exec(segment);
      if (!parameter) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      parameters.push(parameter[1]!);
      return '([^/]+)';
    });
  return { pattern: new RegExp(`^/${segments.join('/')}${segments.length > 0 ? '/?' : ''}$`, 'i'), parameters };
}
