/**
 * The import rules of the monorepo, checked by dependency-cruiser on every `npm test` (scripts/boundaries.mjs):
 * the allowed imports per app and lib come from scripts/layers.cjs, the rest are rules for all.
 */

const { LAYERS } = require('./scripts/layers.cjs');

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\/@]/g, '\\$&');
const alt = (xs) => xs.map(esc).join('|');

const TEST_FILE = '\\.spec\\.ts$|/benchmarks/';

/** Every rule is an error: a broken boundary fails the run. */
const forbid = (name, comment, from, to) => ({ name, comment, severity: 'error', from, to });

const name = (from, what) => `${from.replace('/', '-')}-${what}`;

const layerRules = Object.entries(LAYERS).flatMap(([from, l]) => [
  forbid(name(from, 'imports'), `${from} may import only ${l.libs.join(', ') || 'no other lib'} (scripts/layers.cjs)`,
    { path: `^${esc(from)}/`, pathNot: TEST_FILE },
    { path: '^(libs|apps)/[^/]+/', pathNot: `^(${alt([from, ...l.libs])})/` }),
  forbid(name(from, 'tests-import'), `${from}'s specs and benchmarks may import what it may, and ${(l.testLibs ?? []).join(', ') || 'nothing more'}`,
    { path: `^${esc(from)}/.*(${TEST_FILE})` },
    { path: '^(libs|apps)/[^/]+/', pathNot: `^(${alt([from, ...l.libs, ...(l.testLibs ?? [])])})/` }),
]);

const PURE_SOURCE = (from) => ({ path: `^${esc(from)}/src/`, pathNot: `${TEST_FILE}|/__fixtures__/` });
const NPM = ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'];
const pureRules = Object.entries(LAYERS).filter(([, l]) => l.pure).flatMap(([from, l]) => [
  forbid(name(from, 'pure'), `${from} is pure: no Nest, database, queue or other outside package beyond ${l.packages.join(', ') || 'none'}`,
    PURE_SOURCE(from),
    { dependencyTypes: NPM, ...(l.packages.length ? { pathNot: `node_modules/(${alt(l.packages)})/` } : {}) }),
  forbid(name(from, 'pure-io'), `${from} is pure: Node built-ins only ${(l.builtins ?? []).join(', ') || 'none'} (no file, network or process access)`,
    PURE_SOURCE(from),
    { dependencyTypes: ['core'], ...(l.builtins?.length ? { pathNot: `^(node:)?(${alt(l.builtins)})$` } : {}) }),
]);

module.exports = {
  forbidden: [
    ...layerRules,
    ...pureRules,
    forbid('no-app-imports-app', 'apps never import each other: what two apps share lives in a lib',
      { path: '^apps/([^/]+)/' }, { path: '^apps/', pathNot: '^apps/$1/' }),
    forbid('no-lib-imports-app', 'libs never import apps', { path: '^libs/' }, { path: '^apps/' }),
    forbid('lib-specs-not-tests', 'a lib spec uses only its lib (and the test support the lib owns, e.g. libs/persistence/src/testing)',
      { path: '^libs/' }, { path: '^tests/' }),
    forbid('controllers-call-services', 'a controller parses, calls a service and shapes the answer: no repository, queue or database client',
      { path: '^apps/api/src/.+\\.controller\\.ts$' }, { path: '^libs/(persistence|queues|core)/|node_modules/(kysely|pg|@electric-sql/pglite|bullmq|ioredis)/' }),
    forbid('bullmq-only-in-queues', 'only libs/queues talks to BullMQ (services throw UnrecoverableError from #queues)',
      { path: '^(libs|apps)/', pathNot: '^libs/queues/|\\.spec\\.ts$' }, { path: 'node_modules/bullmq/', dependencyTypesNot: ['type-only'] }),
    forbid('no-circular', 'no import cycles, in the server code and the console',
      { path: '^(libs|apps/(api|cli|worker|console))/' }, { circular: true }),
    forbid('not-to-unresolvable', 'an import that resolves to nothing (a typo, a package missing from package.json)',
      {}, { couldNotResolve: true }),
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
