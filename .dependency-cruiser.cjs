// Module boundaries (STYLE.md 2.2), checked in CI by `npm run depcheck`.
const domainLibs = '^libs/(stix|rbac|kernel)/';
const clientLibs =
  '^node_modules/(better-sqlite3|ioredis|amqplib|bullmq|@elastic|@opensearch-project|@aws-sdk)/';
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'domain-libs-are-pure',
      comment: 'stix, rbac and kernel never import Nest or another library except kernel/stix.',
      severity: 'error',
      from: { path: domainLibs },
      to: { path: ['^node_modules/@nestjs/', '^libs/(?!stix/|rbac/|kernel/)', '^apps/'] },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-deep-library-imports',
      comment: 'Another library is reached through its src/index.ts only.',
      severity: 'error',
      from: { path: '^(libs|apps)/([^/]+)/' },
      to: { path: '^libs/([^/]+)/src/.+', pathNot: ['^libs/$2/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'features-never-import-adapters-or-clients',
      comment: 'Feature libraries speak to ports only.',
      severity: 'error',
      from: {
        path: '^libs/(ingestion|works|bootstrap|knowledge|connectors|builtin-connectors|streams|sharing|drafts|audit)/',
      },
      to: { path: ['/adapters/', clientLibs] },
    },
    {
      name: 'role-apps-are-composed-by-platform-only',
      severity: 'error',
      comment:
        'Each role app also has a main.ts for `nest start <app>`, which boots through the platform.',
      from: { path: '^apps/(core|worker|connector-host)/', pathNot: '/main\\.ts$' },
      to: { path: '^apps/platform/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.spec|\\.e2e-spec|\\.contract-spec)\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
