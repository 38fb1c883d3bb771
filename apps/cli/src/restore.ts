import { resolve } from 'node:path';
import { listBackups, PgliteLockedError, restorePglite, RestoreError } from '#persistence';
import { SettingsError } from '#settings';
import { embeddedFolder } from './embedded.js';
import { runCommand } from './run-command.js';

/**
 * `npm run restore FILE`: brings a backup of the embedded database back into <data>/pglite. Refused
 * while a process holds the folder; the folder it replaces is kept aside, not deleted.
 */
async function main(): Promise<number> {
  const folder = embeddedFolder('请用 pg_restore 恢复它；npm run restore 只恢复嵌入式数据库');
  if (!folder) return 2;
  const file = process.argv[2];
  if (!file) {
    const list = listBackups(folder);
    process.stderr.write(`请指定要恢复的备份文件：npm run restore <文件>\n${list.length ? '已有的备份（最新在前）：\n' + list.map((f) => '  ' + f).join('\n') : '没有找到备份。'}\n`);
    return 2;
  }
  const { keptAside } = await restorePglite(resolve(file), folder);
  process.stdout.write(`已从 ${resolve(file)} 恢复到 ${folder}${keptAside ? `；原来的目录保留在 ${keptAside}（确认无误后可删除）` : ''}。现在可以 npm run up。\n`);
  return 0;
}

runCommand(main, { what: '恢复', known: [SettingsError, PgliteLockedError, RestoreError] });
