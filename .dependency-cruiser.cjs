/**
 * The import rules of the monorepo, checked by dependency-cruiser on every `npm test` (scripts/boundaries.mjs):
 * the allowed imports per app and lib come from scripts/layers.cjs, the rest are rules for all.
 */

const { LAYERS } = require('./scripts/layers.cjs');

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\/@]/g, '\\$&');
const alt = (xs) => xs.map(esc).join('|');

const TEST_FILE = '\\.spec\\.ts$|/benchmarks/';

const layerRules = Object.entries(LAYERS).flatMap(([from, l]) => [
  {
    name: `${from.replace('/', '-')}-imports`,
    comment: `${from} may import only ${l.libs.join(', ') || 'no other lib'} (scripts/layers.cjs)`,
    severity: 'error',
    from: { path: `^${esc(from)}/`, pathNot: TEST_FILE },
    to: { path: '^(libs|apps)/[^/]+/', pathNot: `^(${alt([from, ...l.libs])})/` },
  },
  {
    name: `${from.replace('/', '-')}-tests-import`,
    comment: `${from}'s specs and benchmarks may import what it may, and ${(l.testLibs ?? []).join(', ') || 'nothing more'}`,
    severity: 'error',
    from: { path: `^${esc(from)}/.*(${TEST_FILE})` },
    to: { path: '^(libs|apps)/[^/]+/', pathNot: `^(${alt([from, ...l.libs, ...(l.testLibs ?? [])])})/` },
  },
]);

const PURE_SOURCE = (from) => ({ path: `^${esc(from)}/src/`, pathNot: `${TEST_FILE}|/__fixtures__/` });
const pure = Object.entries(LAYERS).filter(([, l]) => l.pure);
const pureRules = [
  ...pure.map(([from, l]) => ({
    name: `${from.replace('/', '-')}-pure`,
    comment: `${from} is pure: no Nest, database, queue or other outside package beyond ${l.packages.join(', ') || 'none'}`,
    severity: 'error',
    from: PURE_SOURCE(from),
    to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'], ...(l.packages.length ? { pathNot: `node_modules/(${alt(l.packages)})/` } : {}) },
  })),
  ...pure.map(([from, l]) => ({
    name: `${from.replace('/', '-')}-pure-io`,
    comment: `${from} is pure: Node built-ins only ${(l.builtins ?? []).join(', ') || 'none'} (no file, network or process access)`,
    severity: 'error',
    from: PURE_SOURCE(from),
    to: { dependencyTypes: ['core'], ...(l.builtins?.length ? { pathNot: `^(node:)?(${alt(l.builtins)})$` } : {}) },
  })),
];

module.exports = {
  forbidden: [
    ...layerRules,
    ...pureRules,
    {
      name: 'no-app-imports-app',
      comment: 'apps never import each other: what two apps share lives in a lib',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-lib-imports-app',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'lib-specs-not-tests',
      comment: 'a lib spec uses only its lib (and the test support the lib owns, e.g. libs/persistence/src/testing)',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^tests/' },
    },
    {
      name: 'controllers-call-services',
      comment: 'a controller parses, calls a service and shapes the answer: no repository, queue or database client',
      severity: 'error',
      from: { path: '^apps/api/src/.+\\.controller\\.ts$' },
      to: { path: '^libs/(persistence|queues|core)/|node_modules/(kysely|pg|@electric-sql/pglite|bullmq|ioredis)/' },
    },
    {
      name: 'bullmq-only-in-queues',
      comment: 'only libs/queues talks to BullMQ (services throw UnrecoverableError from #queues)',
      severity: 'error',
      from: { path: '^(libs|apps)/', pathNot: '^libs/queues/|\\.spec\\.ts$' },
      to: { path: 'node_modules/bullmq/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      comment: 'no import cycles, in the server code and the console',
      severity: 'error',
      from: { path: '^(libs|apps/(api|cli|worker|console))/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'an import that resolves to nothing (a typo, a package missing from package.json)',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // #lib resolves through package.json "imports"; the "types" condition points at the sources.
    enhancedResolveOptions: { conditionNames: ['types', 'import', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.d.ts'], exportsFields: ['exports'], mainFields: ['types', 'module', 'main'] },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    // The console is bundled by Vite with its own tsconfig.
    moduleSystems: ['es6', 'cjs'],
  },
};
