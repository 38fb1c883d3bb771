// @tier unit (its examples below name the services it does not use)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { filesOfTier, TIERS, tierOf } from '../support/tiers.js';

/** The files jest itself would run with TEST_TIER set or not (jest.config.js), relative to the repository. */
function jestList(tier?: string): string[] {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.TEST_TIER;
  if (tier) env.TEST_TIER = tier;
  const out = join(mkdtempSync(join(process.env.TEST_TMP_ROOT ?? tmpdir(), 'tiers-')), 'list.json');
  const r = spawnSync(process.execPath, ['node_modules/jest/bin/jest.js', '--listTests', '--json', '--outputFile', out], { env, encoding: 'utf8' });
  expect(r.status).toBe(0);
  return (JSON.parse(readFileSync(out, 'utf8')) as string[]).map((f) => relative(process.cwd(), f)).sort();
}

describe('test tiers: every test file runs in exactly one tier', () => {
  const root = process.cwd();
  const tiers = Object.fromEntries(TIERS.map((t) => [t, filesOfTier(root, t)]));

  it('the tiers together are the files `npm test` runs, and no file is in two tiers', () => {
    const all = jestList();
    const union = TIERS.flatMap((t) => tiers[t]!);
    expect(new Set(union).size).toBe(union.length);
    expect([...union].sort()).toEqual(all);
    for (const t of TIERS) expect(tiers[t]!.length).toBeGreaterThan(0);
  });

  it('jest with TEST_TIER=unit runs the unit files, without the global setup that starts the servers', () => {
    expect(jestList('unit')).toEqual([...tiers.unit!].sort());
    const env: NodeJS.ProcessEnv = { ...process.env };
    const shown = (tier: string) => spawnSync(process.execPath, ['node_modules/jest/bin/jest.js', '--showConfig'], { env: { ...env, TEST_TIER: tier }, encoding: 'utf8' }).stdout;
    expect(shown('unit')).not.toContain('global-setup');
    expect(shown('medium')).toContain('global-setup');
  });

  it('a spec that opens a database, a queue or a server, or runs the build, is medium; the rest of the libs are unit', () => {
    expect(tierOf('libs/x/src/a.spec.ts', "import { openTestDatabase } from './testing/databases.js';")).toBe('medium');
    expect(tierOf('apps/api/src/a.spec.ts', "import { startTestPlatform } from '../../../tests/support/platform.js';")).toBe('medium');
    expect(tierOf('libs/x/src/a.spec.ts', "import { Queue } from 'bullmq';")).toBe('medium');
    expect(tierOf('libs/pipeline/src/a.spec.ts', "import { openTestPipeline } from './testing/pipeline.js';")).toBe('medium');
    expect(tierOf('libs/x/src/a.spec.ts', "const url = process.env.TEST_REDIS_URL;")).toBe('medium');
    expect(tierOf('apps/cli/src/a.spec.ts', "execFileSync('node', ['dist/apps/cli/src/rank.js']);")).toBe('medium');
    expect(tierOf('libs/x/src/a.spec.ts', "import { score } from '#matching';")).toBe('unit');
    expect(tierOf('libs/x/src/a.spec.ts', "// @tier medium\nimport { score } from '#matching';")).toBe('medium');
    expect(tierOf('tests/e2e/a.e2e.test.ts', '')).toBe('e2e');
    expect(tierOf('tests/fault/a.fault.test.ts', '')).toBe('fault');
    expect(tierOf('tests/browser/a.browser.test.ts', '')).toBe('browser');
    expect(tiers.medium).toContain('libs/persistence/src/unit-of-work.spec.ts');
    expect(tiers.unit).toContain('libs/matching/src/matcher.spec.ts');
    for (const s of ['scoring', 'offer-dispatch', 'offer-decision', 'sharing-ledger']) expect(tiers.medium).toContain(`libs/pipeline/src/${s}.service.spec.ts`);
  });

  it('the specs that take seconds of CPU (100,000 CSV rows, 300 parks) declare the medium tier, so the unit tier takes seconds', () => {
    expect(tiers.medium).toEqual(expect.arrayContaining(['libs/intake/src/csv.spec.ts', 'libs/matching/src/many-parks.spec.ts']));
  });
});
