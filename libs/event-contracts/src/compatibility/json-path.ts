/** Paths in breaking-change reports, JSONPath style: `$.items[].quantity`. */
export const ROOT_PATH = '$';

export function propertyPath(path: string, property: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(property) ? `${path}.${property}` : `${path}[${JSON.stringify(property)}]`;
}

export function itemsPath(path: string): string {
  return `${path}[]`;
}
