import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The check `npm test` runs after jest: every OpenAPI route needs a successful call on PGlite. */
function run(calls: { method: string; path: string; status: number; db: string }[]) {
  const root = mkdtempSync(join(process.env.TEST_TMP_ROOT ?? tmpdir(), 'coverage-'));
  const paths = { '/api/imports/template.csv': { get: {} }, '/api/imports/{id}': { get: {} }, '/api/leads': { get: {}, post: {} } };
  writeFileSync(join(root, 'openapi.json'), JSON.stringify({ paths }));
  mkdirSync(join(root, 'route-calls'));
  writeFileSync(join(root, 'route-calls', '1.jsonl'), calls.map((c) => JSON.stringify(c)).join('\n') + '\n');
  return spawnSync(process.execPath, ['tests/support/route-coverage.mjs', root], { encoding: 'utf8' });
}

describe('route coverage check', () => {
  it('fails and lists the routes called only on PostgreSQL, only unsuccessfully, or not at all', () => {
    const r = run([
      { method: 'GET', path: '/api/imports/template.csv', status: 200, db: 'pglite' },
      { method: 'POST', path: '/api/leads', status: 201, db: 'postgres' },
      { method: 'GET', path: '/api/imports/b1', status: 404, db: 'pglite' },
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('GET') || l.startsWith('POST'))).toEqual(['GET /api/imports/{id}', 'GET /api/leads', 'POST /api/leads']);
    expect(r.stdout).toContain('routes: 1 of 4 called successfully on PGlite, 3 not');
  });

  it('passes when every route was called successfully on PGlite; a literal path is not taken for a parameter', () => {
    const r = run([
      { method: 'GET', path: '/api/imports/template.csv', status: 200, db: 'pglite' },
      { method: 'GET', path: '/api/imports/b1', status: 200, db: 'pglite' },
      { method: 'GET', path: '/api/leads', status: 200, db: 'pglite' },
      { method: 'POST', path: '/api/leads', status: 201, db: 'pglite' },
    ]);
    expect(r.stdout).toContain('routes: 4 of 4 called successfully on PGlite');
    expect(r.status).toBe(0);
    const literalOnly = run([
      { method: 'GET', path: '/api/imports/template.csv', status: 200, db: 'pglite' },
      { method: 'GET', path: '/api/leads', status: 200, db: 'pglite' },
      { method: 'POST', path: '/api/leads', status: 201, db: 'pglite' },
    ]);
    expect(literalOnly.stderr).toContain('GET /api/imports/{id}');
  });
});
