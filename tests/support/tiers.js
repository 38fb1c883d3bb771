// The test tiers (`npm run test:unit` … `test:browser`; `npm test` runs every file once). jest.config.js
// selects a tier's files from here, and tests/scripts/tiers.test.ts checks the tiers split jest's full list.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const TIERS = ['unit', 'medium', 'e2e', 'fault', 'browser'];

/** The folders jest searches (its `roots`) and the file names it runs (its `testMatch`). */
export const TEST_ROOTS = ['apps', 'libs', 'tests'];
const TEST_FILE = /\.(spec|test)\.ts$/;

const FOLDER_TIERS = [
  ['tests/e2e/', 'e2e'],
  ['tests/fault/', 'fault'],
  ['tests/browser/', 'browser'],
];

// A spec needs services (or the build) when it opens a database, a queue or a server, or runs code from dist/.
const SERVICE_IMPORT =
  /\bfrom\s+['"]([^'"]*(?:\/testing\/(?:databases|pipeline)|tests\/support\/)[^'"]*|#(?:core|persistence|queues|launcher|pipeline|platform)|bullmq|ioredis|pg|@electric-sql\/pglite)['"]/;
const SERVICE_USE = /process\.env\.TEST_(?:REDIS_URL|DATABASE_URL|PGLITE_TEMPLATE)|\bdist\/(?:apps|libs)\//;
// A file may name its tier when the rule above guesses wrong, or when a pure spec takes seconds of CPU (large
// generated inputs) and would slow the unit tier: a line comment `// @tier medium`.
const DECLARED = /^\s*\/\/\s*@tier\s+(unit|medium)\b/m;

/** The tier of a test file, by folder (e2e, fault, browser) or else by what it uses (medium or unit). */
export function tierOf(file, source) {
  const path = file.split(sep).join('/');
  for (const [folder, tier] of FOLDER_TIERS) if (path.startsWith(folder)) return tier;
  const declared = DECLARED.exec(source);
  if (declared) return declared[1];
  return SERVICE_IMPORT.test(source) || SERVICE_USE.test(source) ? 'medium' : 'unit';
}

/** Every test file under the roots, relative to `root`, sorted. */
export function testFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === 'dist') continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (TEST_FILE.test(e.name)) out.push(relative(root, p).split(sep).join('/'));
    }
  };
  for (const r of TEST_ROOTS) walk(join(root, r));
  return out.sort();
}

/** The test files of one tier, relative to `root`. */
export function filesOfTier(root, tier) {
  if (!TIERS.includes(tier)) throw new Error(`未知的测试层级「${tier}」：可选 ${TIERS.join('、')}`);
  return testFiles(root).filter((f) => tierOf(f, readFileSync(join(root, f), 'utf8')) === tier);
}

/** The jest config of one tier: only its files; the unit tier without the services' global setup. */
export function configForTier(config, root, tier) {
  const files = filesOfTier(root, tier);
  const tiered = { ...config, testMatch: files.map((f) => `<rootDir>/${f}`) };
  if (tier === 'unit') {
    delete tiered.globalSetup;
    delete tiered.globalTeardown;
  }
  return tiered;
}
