import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Finds an executable on PATH or in the given extra folders; undefined when absent. */
export function findBinary(name: string, extraDirs: string[] = []): string | undefined {
  for (const dir of extraDirs) {
    const p = join(dir, name);
    if (existsSync(p)) return p;
  }
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Debian keeps PostgreSQL's server binaries off PATH, in /usr/lib/postgresql/<major>/bin. */
export function postgresBinDirs(): string[] {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(root, v, 'bin'));
}
