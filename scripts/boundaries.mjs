// The import boundaries: dependency-cruiser checks the rules of .dependency-cruiser.cjs (allowed imports from
// scripts/layers.cjs), and docs/architecture.md's table and lib graph are rendered from the same table and the
// real imports. `node scripts/boundaries.mjs` checks both (npm test runs it); `--write` renders the docs anew.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { LAYERS } = require('./layers.cjs');
const config = require('../.dependency-cruiser.cjs');
const DOC = join(root, 'docs/architecture.md');
const BEGIN = '<!-- boundaries:begin (rendered by `node scripts/boundaries.mjs --write` from scripts/layers.cjs and the real imports) -->';
const END = '<!-- boundaries:end -->';

const bin = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
if (!existsSync(bin)) {
  process.stderr.write('边界检查需要 dependency-cruiser（package.json 的 devDependencies）：请运行 npm ci，或在共用的 node_modules 中 npm install --no-save dependency-cruiser@17.4.3\n');
  process.exit(2);
}
const out = execFileSync(process.execPath, [bin, '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'json', 'apps', 'libs', 'tests', 'scripts'], { cwd: root, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
const result = JSON.parse(out);

const part = (path) => /^(libs|apps)\/[^/]+/.exec(path)?.[0];
/** The real imports between parts, from their sources (specs, benchmarks and fixtures left out). */
const edges = new Map();
for (const m of result.modules) {
  const from = part(m.source);
  if (!from || /\.spec\.ts$|\/benchmarks\/|\/__fixtures__\/|\/testing\//.test(m.source)) continue;
  for (const d of m.dependencies) {
    const to = part(d.resolved);
    if (to && to !== from) (edges.get(from) ?? edges.set(from, new Set()).get(from)).add(to);
  }
}

const id = (p) => p.replace('/', '_');
const short = (p) => p.replace(/^libs\//, '');
function render() {
  const rows = Object.entries(LAYERS).map(
    ([p, l]) => `| \`${p}\` | ${l.role} | ${l.libs.map(short).join(', ') || '—'}${l.testLibs ? `（测试另可用 ${l.testLibs.map(short).join(', ')}）` : ''} | ${l.pure ? `${l.packages.join(', ') || '无'}；Node 内置模块：${(l.builtins ?? []).join(', ') || '无'}（纯库）` : '不限'} |`,
  );
  const general = config.forbidden.filter((r) => !/-(imports|tests-import|pure|pure-io)$/.test(r.name)).map((r) => `- \`${r.name}\`${r.comment ? ': ' + r.comment : ''}`);
  const graph = [...edges.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([from, tos]) => [...tos].sort().map((to) => `  ${id(from)}[${from}] --> ${id(to)}[${to}]`));
  return [
    BEGIN,
    '',
    'Allowed imports (the table is `scripts/layers.cjs`; dependency-cruiser fails `npm test` on any other import):',
    '',
    '| part | role | may import (libs) | outside packages and Node built-ins |',
    '|---|---|---|---|',
    ...rows,
    '',
    'Rules for all parts (`.dependency-cruiser.cjs`):',
    '',
    ...general,
    '',
    'The lib graph as the sources import it today:',
    '',
    '```mermaid',
    'graph LR',
    ...graph,
    '```',
    '',
    END,
  ].join('\n');
}

const doc = readFileSync(DOC, 'utf8');
const start = doc.indexOf('<!-- boundaries:begin');
const stop = doc.indexOf(END);
if (start < 0 || stop < 0) {
  process.stderr.write(`docs/architecture.md 缺少 <!-- boundaries:begin … ${END} 标记\n`);
  process.exit(1);
}
const rendered = doc.slice(0, start) + render() + doc.slice(stop + END.length);
let failed = false;
const violations = result.summary.violations.filter((v) => v.rule.severity === 'error');
for (const v of violations) process.stderr.write(`边界违规 ${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? '（循环：' + v.cycle.map((c) => c.name ?? c).join(' → ') + '）' : ''}\n`);
if (violations.length) failed = true;
if (process.argv.includes('--write')) writeFileSync(DOC, rendered);
else if (rendered !== doc) {
  process.stderr.write('docs/architecture.md 的导入表或库依赖图与代码不一致：运行 node scripts/boundaries.mjs --write 后提交\n');
  failed = true;
}
process.stdout.write(`boundaries: ${result.summary.totalCruised} modules, ${result.summary.totalDependenciesCruised} imports, ${violations.length} violations\n`);
process.exit(failed ? 1 : 0);
