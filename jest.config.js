// One Jest run for the whole repo: unit tests beside the code, integration and
// end-to-end tests in e2e/. TypeScript ES modules are compiled by swc.
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const shared = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': swc },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

export default {
  projects: [
    { ...shared, displayName: 'unit', roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/infra', '<rootDir>/tools', '<rootDir>/bench'], testMatch: ['**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      roots: ['<rootDir>/e2e'],
      testMatch: ['**/*.spec.ts'],
      setupFiles: ['<rootDir>/e2e/support/quiet-nest-logs.ts'],
      slowTestThreshold: 30,
    },
  ],
  testTimeout: 60_000,
  globalTeardown: '<rootDir>/tools/jest/linger-guard.mjs',

};
