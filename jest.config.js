// One jest run, four projects: unit and contract tests run in parallel; e2e and compat run in band.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
// Server-rendered templates: TSX compiled to strings by @kitajs/html's automatic runtime.
const swcTsx = [
  swc[0],
  {
    ...swc[1],
    jsc: {
      ...swc[1].jsc,
      parser: { ...swc[1].jsc.parser, tsx: true },
      transform: {
        ...swc[1].jsc.transform,
        react: { runtime: 'automatic', importSource: '@kitajs/html' },
      },
    },
  },
];
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc, '^.+\\.tsx$': swcTsx },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  moduleNameMapper: {
    '^@lib/([^/]+)$': '<rootDir>/libs/$1/src',
    '^@app/([^/]+)$': '<rootDir>/apps/$1/src',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.cache/'],
  // Lazy `import('./x.js')` of a source file (see the resolver).
  resolver: '<rootDir>/test/support/jest-resolver.cjs',
};
module.exports = {
  // Global (jest reads testTimeout from the top level only): booting a platform or a browser in
  // an e2e hook takes a few seconds, more on a loaded machine; unit tests finish far below it.
  testTimeout: 30_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,bench}/**/*.spec.{ts,tsx}'],
    },
    { ...common, displayName: 'contract', testMatch: ['<rootDir>/libs/**/*.contract-spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/apps/**/test/**/*.e2e-spec.ts', '<rootDir>/test/e2e/**/*.e2e-spec.ts'],
    },
    { ...common, displayName: 'compat', testMatch: ['<rootDir>/test/compat/**/*.compat-spec.ts'] },
  ],
};
