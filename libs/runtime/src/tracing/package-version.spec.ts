import { fileURLToPath } from 'node:url';
import { versionOfPackageAround } from './package-version.js';

describe('versionOfPackageAround', () => {
  it('reads the version of the nearest package.json above a file', () => {
    expect(versionOfPackageAround(fileURLToPath(import.meta.url))).toBe('0.1.0');
  });

  it('gives undefined without a file or a package', () => {
    expect(versionOfPackageAround(undefined)).toBeUndefined();
    expect(versionOfPackageAround('/')).toBeUndefined();
  });
});
