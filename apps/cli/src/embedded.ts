import { pgliteDir } from '#persistence';
import { loadSettings } from '#settings';

/**
 * The embedded database's folder for a command that works on it alone (backup, restore). With DATABASE_URL set the
 * database is on a PostgreSQL server: says so with `instead` (what to use there) and gives undefined.
 */
export function embeddedFolder(instead: string): string | undefined {
  const settings = loadSettings();
  if (settings.embeddedDatabase) return pgliteDir(settings.dataDir);
  process.stderr.write(`设置了 DATABASE_URL：数据库在 PostgreSQL 服务器上，${instead}。\n`);
  return undefined;
}
