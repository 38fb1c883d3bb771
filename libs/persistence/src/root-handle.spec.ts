import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Code that serves requests and jobs: it reaches the database through UnitOfWork only. */
const GUARDED = ['libs/pipeline/src', 'libs/auth/src', 'apps/api/src', 'apps/worker/src'];
/** Start-up hands the opened database to the modules; that is its job. */
const STARTUP = new Set(['apps/api/src/bootstrap.ts', 'apps/api/src/main.ts', 'apps/worker/src/main.ts']);

const RULES: [RegExp, string][] = [
  [/from\s+['"]kysely['"]/, 'imports kysely (queries belong in a repository of libs/persistence)'],
  [/\bDATABASE\b/, 'injects the root database handle (inject UnitOfWork)'],
  [/\bDatabaseHandle\b/, 'uses the root database handle (inject UnitOfWork)'],
  [/\.db\b(?!\w)/, 'touches a `.db` client (use uow.read / uow.transaction)'],
  [/new \w+Repository\(/, 'builds a repository on its own client (take it from uow.read / uow.transaction)'],
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    // A testing/ folder holds test harnesses: like start-up, they open the database and hand it to the modules.
    return statSync(p).isDirectory() ? (f === 'testing' ? [] : files(p)) : p.endsWith('.ts') && !p.endsWith('.spec.ts') ? [p] : [];
  });
}

describe('the root database handle stays out of services, controllers and processors', () => {
  it('no guarded file reaches the database except through UnitOfWork', () => {
    const offenders: string[] = [];
    for (const dir of GUARDED)
      for (const file of files(join(root, dir))) {
        const rel = relative(root, file);
        if (STARTUP.has(rel)) continue;
        const src = readFileSync(file, 'utf8');
        for (const [re, why] of RULES) if (re.test(src)) offenders.push(`${rel}: ${why}`);
      }
    expect(offenders).toEqual([]);
  });

  it('the check itself catches the pattern that hung PGlite (a root query inside a transaction)', () => {
    const hung = "return this.uow.transaction(async (r) => { const d = await this.database.db.selectFrom('duplicates'); });";
    expect(RULES.filter(([re]) => re.test(hung)).map(([, why]) => why)).toContain('touches a `.db` client (use uow.read / uow.transaction)');
  });
});
