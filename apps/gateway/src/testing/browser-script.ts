import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { BROWSER_FOLDER } from '../pages/static-assets.js';

/**
 * The pure part of a page's script (apps/gateway/browser/<file>), the object
 * it defines as `name`, run as the browser runs it (a classic script) in a
 * fresh realm without a document. Values cross back as plain data (a Map as
 * its entries), so a spec compares them with toEqual.
 */
export function loadBrowserScript(file: string, name: string): { source: string; api: Record<string, (...args: any[]) => any> } {
  const source = readFileSync(`${BROWSER_FOLDER}${file}`, 'utf8');
  const context = vm.createContext({});
  new vm.Script(source, { filename: file }).runInContext(context);
  const api = new vm.Script(name).runInContext(context) as Record<string, (...args: any[]) => any>;
  const plain = (value: unknown) => (Object.prototype.toString.call(value) === '[object Map]' ? [...(value as Map<unknown, unknown>)] : value);
  const proxy = new Proxy(api, {
    get: (target, key: string) => (...args: unknown[]) => {
      const result = target[key]!(...args);
      return result === undefined ? undefined : JSON.parse(JSON.stringify(plain(result)));
    },
  });
  return { source, api: proxy };
}
