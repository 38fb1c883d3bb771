import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(process.cwd());

describe('rank CLI', () => {
  it('writes only JSON lines, one per input, with all 20 parks best first', () => {
    execFileSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'ignore' });
    expect(existsSync(join(root, 'dist/apps/cli/src/rank.js'))).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'rank-'));
    const file = join(dir, 'leads.jsonl');
    writeFileSync(
      file,
      [
        { id: 'a', lead: 'SiC功率器件' },
        { id: 'b', lead: 'Hydrogen fuel cell stacks', sector: '氢能' },
        { id: 'c', lead: '高端变压器智慧工厂', amount_cny_100m: 10 },
      ]
        .map((x) => JSON.stringify(x))
        .join('\n') + '\n',
    );
    const out = execFileSync('node', ['dist/apps/cli/src/rank.js', '--input', file], { cwd: root, encoding: 'utf8' });
    const lines = out.split('\n').filter((l) => l.length > 0);
    expect(lines).toHaveLength(3);
    const rows = lines.map((l) => JSON.parse(l));
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    for (const r of rows) {
      expect(typeof r.no_fit).toBe('boolean');
      expect(r.ranking).toHaveLength(20);
      for (let i = 1; i < r.ranking.length; i++) expect(r.ranking[i].score).toBeLessThanOrEqual(r.ranking[i - 1].score);
    }
    expect(rows[2].no_fit).toBe(true);
  }, 120_000);
});
