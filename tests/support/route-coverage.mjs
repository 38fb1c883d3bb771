// Run by scripts/test.sh after a full jest run: every route (method + path template) of the OpenAPI
// document must be called successfully (2xx/3xx) on PGlite by some e2e test (the record that
// tests/support/platform.ts writes under TEST_TMP_ROOT). Lists the routes that are not; exits 1 then.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2] ?? process.env.TEST_TMP_ROOT;
const docFile = root && join(root, 'openapi.json');
if (!docFile || !existsSync(docFile)) {
  console.error('接口覆盖检查：没有 OpenAPI 文档（本次运行没有启动测试平台），无法检查。');
  process.exit(1);
}
const doc = JSON.parse(readFileSync(docFile, 'utf8'));
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.keys(ops)
    .filter((m) => METHODS.includes(m))
    .map((m) => {
      const parts = path.split('/');
      const pattern = parts.map((s) => (/^\{\w+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/');
      return { key: `${m.toUpperCase()} ${path}`, method: m.toUpperCase(), re: new RegExp(`^${pattern}/?$`), params: parts.filter((s) => s.startsWith('{')).length };
    }),
);
// Like the router: a literal segment wins over a parameter (/api/imports/template.csv before /api/imports/{id}).
routes.sort((a, b) => a.params - b.params);

const covered = new Set();
const dir = join(root, 'route-calls');
for (const f of existsSync(dir) ? readdirSync(dir) : []) {
  for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
    if (!line) continue;
    const c = JSON.parse(line);
    if (c.db !== 'pglite' || c.status < 200 || c.status >= 400) continue;
    const route = routes.find((r) => r.method === c.method && r.re.test(c.path));
    if (route) covered.add(route.key);
  }
}
const missing = routes.filter((r) => !covered.has(r.key)).map((r) => r.key).sort();
if (missing.length) {
  console.error(`\n接口覆盖检查未通过：以下 ${missing.length} 个接口没有任何 e2e 测试在 PGlite 上成功调用（2xx/3xx）：`);
  for (const k of missing) console.error(`  ${k}`);
}
console.log(`routes: ${covered.size} of ${routes.length} called successfully on PGlite${missing.length ? `, ${missing.length} not` : ''}`);
process.exit(missing.length ? 1 : 0);
