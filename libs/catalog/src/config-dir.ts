import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's `config/` folder, found from this file upward so it works from src/ and dist/ alike. */
export function configDir(): string {
  if (process.env.PARKMATCH_CONFIG_DIR) return resolve(process.env.PARKMATCH_CONFIG_DIR);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'config', 'parks.json');
    if (existsSync(candidate)) return join(dir, 'config');
    const parent = dirname(dir);
    if (parent === dir) throw new Error('config/parks.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}
