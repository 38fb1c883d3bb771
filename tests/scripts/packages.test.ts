import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm test` installs the Debian packages it needs (redis-server, postgresql, chromium, fonts-wqy-microhei):
 * as root with apt-get (one update, one install of what is missing), otherwise one message naming the
 * packages and the command. The machine's own files are looked up under a stand-in root (an empty one
 * is a fresh machine); `id` and `apt-get` are stand-ins on PATH that record how they were called.
 */
const ALL = ['redis-server', 'postgresql', 'chromium', 'fonts-wqy-microhei'];

function machine(opts: { uid: number; installed?: string[] }) {
  const dir = mkdtempSync(join(process.env.TEST_TMP_ROOT ?? tmpdir(), 'packages-'));
  const sys = join(dir, 'root');
  const bin = join(dir, 'bin');
  const log = join(dir, 'apt.log');
  mkdirSync(bin, { recursive: true });
  const files: Record<string, string[]> = {
    'redis-server': ['usr/bin/redis-server'],
    postgresql: ['usr/lib/postgresql/15/bin/initdb', 'usr/lib/postgresql/15/bin/postgres'],
    chromium: ['usr/bin/chromium'],
    'fonts-wqy-microhei': ['usr/share/fonts/truetype/wqy/wqy-microhei.ttc'],
  };
  for (const pkg of opts.installed ?? []) {
    for (const f of files[pkg]!) {
      mkdirSync(join(sys, f, '..'), { recursive: true });
      writeFileSync(join(sys, f), '#!/bin/sh\n');
      chmodSync(join(sys, f), 0o755);
    }
  }
  mkdirSync(sys, { recursive: true });
  writeFileSync(join(bin, 'id'), `#!/bin/sh\necho ${opts.uid}\n`);
  // The stand-in apt-get records its arguments; the install "fails" so that test.sh stops right there.
  writeFileSync(join(bin, 'apt-get'), `#!/bin/sh\necho "$*" >> ${log}\ncase "$*" in *install*) exit 100;; esac\n`);
  chmodSync(join(bin, 'id'), 0o755);
  chmodSync(join(bin, 'apt-get'), 0o755);
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}:${process.env.PATH}`, PARKMATCH_SYSTEM_ROOT: sys };
  delete env.TEST_REDIS_URL;
  delete env.TEST_DATABASE_URL;
  delete env.CHROMIUM_PATH;
  const aptCalls = () => {
    try {
      return readFileSync(log, 'utf8').trim().split('\n');
    } catch {
      return [];
    }
  };
  return { env, aptCalls };
}

describe('npm test on a machine without its Debian packages', () => {
  it('as a user: one message names the four packages and the command to install them, and the run stops', () => {
    const m = machine({ uid: 1000 });
    const r = spawnSync('bash', ['scripts/test.sh'], { env: m.env, encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`缺少 npm test 所需的软件包：${ALL.join(' ')}`);
    expect(r.stderr).toContain(`sudo apt-get install -y ${ALL.join(' ')}`);
    expect(m.aptCalls()).toEqual([]);
  });

  it('as root: apt-get updates once and installs only what is missing; a failed install stops the run with a message', () => {
    const m = machine({ uid: 0, installed: ['redis-server', 'postgresql'] });
    const r = spawnSync('bash', ['scripts/test.sh'], { env: m.env, encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(m.aptCalls()).toEqual(['update -qq', 'install -y -qq --no-install-recommends chromium fonts-wqy-microhei']);
    expect(r.stderr).toContain('软件包安装失败：chromium fonts-wqy-microhei');
  });

  it('with everything installed, nothing is installed', () => {
    const m = machine({ uid: 0, installed: ALL });
    const r = spawnSync('bash', ['-c', `. scripts/lib/packages.sh && ensure_packages 'npm test' '' ${ALL.join(' ')} && echo ready`], { env: m.env, encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('ready');
    expect(m.aptCalls()).toEqual([]);
  });
});
