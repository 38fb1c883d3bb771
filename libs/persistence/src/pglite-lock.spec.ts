import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pruneAutoBackups } from './pglite-backup.js';
import { acquirePgliteLock, lockPathFor, PgliteLockedError, readPgliteLock } from './pglite-lock.js';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'pm-lock-')), 'pglite');

describe('the PGlite folder lock', () => {
  it('refuses a second holder, naming the first, until it is released', () => {
    const folder = fresh();
    const lock = acquirePgliteLock(folder, 'node first.js');
    expect(() => acquirePgliteLock(folder)).toThrow(PgliteLockedError);
    expect(() => acquirePgliteLock(folder)).toThrow(`pid ${process.pid}（node first.js）`);
    lock.release();
    acquirePgliteLock(folder).release();
    expect(readPgliteLock(folder)).toBeUndefined();
  });

  it('takes over a lock whose process is gone', async () => {
    const folder = fresh();
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => gone.once('exit', r));
    writeFileSync(lockPathFor(folder), JSON.stringify({ pid: gone.pid, host: hostname(), command: 'node old.js', since: '2026-01-01T00:00:00Z', token: 'old' }));
    const lock = acquirePgliteLock(folder);
    expect(readPgliteLock(folder)?.pid).toBe(process.pid);
    lock.release();
  });

  it('of eight processes racing for one folder (fresh or with a stale lock), exactly one wins', async () => {
    const script = `import('${join(process.cwd(), 'dist/libs/persistence/src/pglite-lock.js')}').then((m) => {
      try { m.acquirePgliteLock(process.argv[1]); console.log('won'); setInterval(() => undefined, 1000); }
      catch (e) { console.log(e.name); process.exit(0); } })`;
    for (const stale of [false, true]) {
      const folder = fresh();
      if (stale) writeFileSync(lockPathFor(folder), JSON.stringify({ pid: 2 ** 22 + 7, host: hostname(), command: 'x', since: 'x', token: 'old' }));
      const children: ReturnType<typeof spawn>[] = [];
      const outs = await Promise.all(
        Array.from({ length: 8 }, () => new Promise<string>((resolve) => {
          const c = spawn(process.execPath, ['-e', script, folder], { env: { ...process.env, NODE_OPTIONS: '' } });
          children.push(c);
          let out = '';
          // A winner holds the lock until every racer has answered (then it is killed).
          c.stdout.on('data', (d: Buffer) => ((out += d.toString()), /(won|Error)\n$/.test(out) && resolve(out.trim())));
          c.once('exit', () => resolve(out.trim()));
        })),
      );
      children.forEach((c) => c.kill('SIGKILL'));
      expect(outs.filter((o) => o.endsWith('won'))).toHaveLength(1);
      expect(outs.filter((o) => o.endsWith('PgliteLockedError'))).toHaveLength(7);
    }
  }, 60_000);
});

describe('automatic backups', () => {
  it('keeps the newest N automatic backups and every backup taken on request', () => {
    const folder = fresh();
    const dir = join(folder, '..', 'backups');
    mkdirSync(dir, { recursive: true });
    const names = [...Array.from({ length: 7 }, (_, i) => `2026-01-0${i + 1}T00-00-00-000Z-auto.tar.gz`), '2026-01-02T12-00-00-000Z.tar.gz', '2025-12-01T00-00-00-000Z.tar.gz'];
    for (const n of names) writeFileSync(join(dir, n), '');
    pruneAutoBackups(folder, 5);
    expect(readdirSync(dir).sort()).toEqual([
      '2025-12-01T00-00-00-000Z.tar.gz', '2026-01-02T12-00-00-000Z.tar.gz',
      ...['03', '04', '05', '06', '07'].map((d) => `2026-01-${d}T00-00-00-000Z-auto.tar.gz`),
    ]);
  });
});
