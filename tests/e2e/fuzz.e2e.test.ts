import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { DATABASE_KINDS, type DatabaseKind } from '../support/databases.js';
import { lead } from '../support/leads.js';
import { api, platformForSuite } from '../support/platform.js';

/**
 * No input gets a 500 (issue 10): every route of the OpenAPI document × every parameter it has (path, query,
 * JSON body fields from its example, the body as a whole) receives hostile values from fast-check —
 * control characters, lone surrogates, invalid percent-encoding, huge lengths, numbers at and past the
 * limits, wrong types, deep objects, arrays for scalars — as anonymous and as each role. A 5xx fails the
 * test with the request printed; so does a 4xx that is not the one error shape with a Chinese message.
 * Deterministic: the seed is printed, FUZZ_SEED=<n> replays a run; FUZZ_TRACE=<file> logs each request and its time.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
/** Hostile values per (route, parameter): the run is bounded by this, not by time. */
const PER_PARAM: Record<DatabaseKind, number> = { pglite: 6, postgres: 2 };
/** Hostile query parameter names per GET route. */
const PER_ROUTE_NAMES: Record<DatabaseKind, number> = { pglite: 4, postgres: 2 };

/** A body sent as these exact characters (not JSON-encoded): truncated JSON, a prototype key, 5,000 brackets. */
class RawBody {
  constructor(readonly text: string) {}
}

/** A URL value: text to percent-encode, or bytes already percent-encoded (invalid UTF-8 cannot be a JS string). */
type UrlValue = string | { encoded: string };

const controls = fc.constantFrom('\u0000', 'a\u0000b', '\u0007', '\u001b[31m', '\u007f', '\u0085', '\t', '\r\n', '\u2028', '\ufeff', '\u200b');
const surrogates = fc.constantFrom('\ud800', '\udfff', 'x\ud83d', '\ude00y', '\ud83d\ude00');
const tricky = fc.constantFrom('', ' ', '%', '%00', '../../etc/passwd', "' or 1=1 --", '${7*7}', '<script>alert(1)</script>', '__proto__', 'constructor', '中文', '𠀀𠀁', '-1', '0', '1.5', '2147483648', '9007199254740993', '100000000000000000000', '1e309', 'NaN', 'Infinity', '2024-02-30', '0000-00-00', '9999-12-31T99:99', 'true', 'null', '[]', '{}');
const huge = (sizes: number[]) => fc.constantFrom(...sizes).chain((n) => fc.constantFrom('a'.repeat(n), '中'.repeat(n)));
const anyUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 }).map((u) => String.fromCharCode(...u));
// past every field limit, and (in a body) past the 256 KB body limit; a URL is refused by Node past 16 KB anyway
const hostileString = fc.oneof(controls, surrogates, tricky, huge([300, 5_001, 20_000, 300_000]), anyUnits);
const hostileUrlString = fc.oneof(controls, surrogates, tricky, huge([120, 300, 2_000, 6_000]), anyUnits);

const encodedBytes = fc.constantFrom('%FF', '%C3%28', '%E4%B8', '%ED%A0%80', '%F4%90%80%80', '%C0%AF', '%E2%82%28x');
const urlValue: fc.Arbitrary<UrlValue> = fc.oneof({ weight: 4, arbitrary: hostileUrlString }, { weight: 1, arbitrary: encodedBytes.map((encoded) => ({ encoded })) });

const numbers = fc.constantFrom(0, -1, 1.5, -0.5, 2 ** 31 - 1, 2 ** 31, 2 ** 53 - 1, 2 ** 53 + 2, -(2 ** 53), 1e21, 1e308, -1e308, 5e-324);
const nest = (depth: number, leaf: unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};
const shapes = fc.constantFrom<unknown>(true, false, null, [], {}, [1, 2], { a: 1 }, nest(40, 'x'), nest(1000, 1), Array.from({ length: 5000 }, (_, i) => i));
const jsonValue: fc.Arbitrary<unknown> = fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 2, arbitrary: numbers }, { weight: 2, arbitrary: shapes }, { weight: 1, arbitrary: hostileString.map((s) => [s]) }, { weight: 1, arbitrary: hostileString.map((s) => ({ value: s })) });
const wholeBody = fc.oneof(jsonValue, fc.constantFrom('"just a string"', '{"a":', '{"__proto__":{"admin":true}}', '[' .repeat(5000) + ']'.repeat(5000)).map((t) => new RawBody(t)));

const trace = (line: string) => process.env.FUZZ_TRACE && appendFileSync(process.env.FUZZ_TRACE, line + '\n');

function encode(v: UrlValue): string {
  if (typeof v !== 'string') return v.encoded;
  // encodeURIComponent refuses lone surrogates: send them as their WTF-8 bytes, as a careless client would
  return [...v].map((ch) => {
    const c = ch.charCodeAt(0);
    if (ch.length === 1 && c >= 0xd800 && c <= 0xdfff) return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => '%' + b.toString(16).toUpperCase()).join('');
    return encodeURIComponent(ch);
  }).join('');
}

interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: string[];
  example?: Record<string, unknown>;
  multipart?: string[];
}

/** Every field of an example body at any depth (the first item of an array stands for all). */
function fieldPaths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out = prefix.length ? [prefix] : [];
  if (v !== null && typeof v === 'object') {
    const entries: [string | number, unknown][] = Array.isArray(v) ? v.slice(0, 1).map((x, i) => [i, x]) : Object.entries(v);
    for (const [k, x] of entries) out.push(...fieldPaths(x, [...prefix, k]));
  }
  return out;
}

function setAt(body: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  o[path.at(-1)!] = value;
  return copy;
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 160 ? `${s.slice(0, 160)}…(${s.length} chars)` : s;
}

describe.each(DATABASE_KINDS)('fuzz: hostile values on every route and parameter never get a 5xx (%s)', (db) => {
  const p = platformForSuite({ db, env: { LOGIN_RATE_PER_MIN: '10000', WRITE_RATE_PER_MIN: '100000' } });
  let ops: Operation[];
  let ids: { lead: string; park: string; offer: string; record: string };
  let callers: (string | undefined)[];

  beforeAll(async () => {
    const created = await p.call('POST', '/api/leads', lead('sic', 'jiafang'), { as: 'promoter:jiafang' });
    await p.drain();
    const d = (await p.call('GET', `/api/leads/${created.body.id}`, undefined, { as: 'manager' })).body;
    const offer = d.offers.find((o: { board: string }) => o.board !== 'jiafang');
    const accepted = await p.call('POST', `/api/parks/${offer.parkId}/offers/${offer.id}/accept`, undefined, { as: `operator:${offer.parkId}` });
    ids = { lead: created.body.id, park: offer.parkId, offer: offer.id, record: accepted.body.sharingRecordId };
    callers = [undefined, 'promoter:jiafang', `operator:${offer.parkId}`, 'manager', 'admin'];

    const doc = (await api(p.url, 'GET', '/docs-json')).body as { paths: Record<string, Record<string, any>> };
    ops = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod)
        .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map(([m, op]) => {
          const params = (op.parameters ?? []) as { in: string; name: string }[];
          const content = op.requestBody?.content ?? {};
          return {
            method: m.toUpperCase(),
            path,
            pathParams: params.filter((x) => x.in === 'path').map((x) => x.name),
            queryParams: params.filter((x) => x.in === 'query').map((x) => x.name),
            example: content['application/json']?.schema?.example,
            multipart: content['multipart/form-data'] ? Object.keys(content['multipart/form-data'].schema?.properties ?? {}).filter((k) => k !== 'file') : undefined,
          };
        }),
    );
  });

  const validPathValue = (path: string, name: string): string => {
    if (name === 'parkId') return ids.park;
    if (name === 'offerId') return ids.offer;
    if (name === 'leadId') return ids.lead;
    if (path.startsWith('/api/leads/')) return ids.lead;
    if (path.startsWith('/api/parks/')) return ids.park;
    if (path.startsWith('/api/sharing-records/')) return ids.record;
    return '00000000-0000-4000-8000-000000000000'; // users, tokens, imports, duplicates, notifications, rescore runs: an unknown id
  };

  it('reads the routes of the OpenAPI document, with their query parameters and example bodies', () => {
    expect(ops.length).toBeGreaterThan(40);
    expect(ops.filter((o) => o.queryParams.length).length).toBeGreaterThan(15);
    expect(ops.filter((o) => o.example).length).toBeGreaterThan(15);
  });

  it(`answers every hostile value with a 4xx in the error shape, never a 5xx (seed ${SEED})`, async () => {
    console.log(`fuzz (${db}): seed ${SEED}; replay with FUZZ_SEED=${SEED}`);
    const failures: string[] = [];
    let sent = 0;
    let n = 0;
    const statuses = new Map<number, number>();
    const started = Date.now();

    const send = async (op: Operation, target: string, input: { path?: Record<string, UrlValue>; query?: [UrlValue, UrlValue]; body?: unknown; form?: [string, string] }) => {
      const as = op.path === '/api/auth/logout' ? undefined : callers[n++ % callers.length]; // signing out would revoke the cached token
      let url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encode(input.path?.[name] ?? validPathValue(op.path, name)));
      if (input.query) url += `?${encode(input.query[0])}=${encode(input.query[1])}`;
      const headers: Record<string, string> = as ? { authorization: `Bearer ${await p.tokenFor(as)}` } : {};
      let body: string | FormData | undefined;
      if (input.form) {
        const f = new FormData();
        f.set('file', new Blob(['公司名称,项目描述\n']), 'leads.csv');
        f.set(input.form[0], input.form[1]);
        body = f;
      } else if (input.body !== undefined) {
        body = input.body instanceof RawBody ? input.body.text : JSON.stringify(input.body);
        headers['content-type'] = 'application/json';
      } else if (op.method !== 'GET' && op.method !== 'DELETE') {
        body = JSON.stringify(op.example ?? {});
        headers['content-type'] = 'application/json';
      }
      const t0 = Date.now();
      const line = `${op.method} ${url.slice(0, 120)} [${target}] as ${as ?? 'anonymous'} ${show(input.body ?? '').slice(0, 80)}`;
      trace(`→ ${line}`); // the last line names a request that never answered
      const res = await fetch(p.url + url, { method: op.method, headers, body });
      const text = await res.text();
      trace(`${res.status} in ${Date.now() - t0} ms (at ${Date.now() - started} ms) ${line}`);
      sent++;
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const what = (): string => `${op.method} ${url.length > 200 ? url.slice(0, 200) + `…(${url.length} chars)` : url} [${target}] as ${as ?? 'anonymous'}${input.body !== undefined ? ` body ${show(input.body)}` : ''}${input.form ? ` form ${show(input.form)}` : ''} → ${res.status} ${text.slice(0, 200)}`;
      if (res.status >= 500) return void failures.push(what());
      if (res.status < 400 || res.status === 431) return; // 431: Node refuses an oversized request line before the app sees it
      let e: { statusCode?: unknown; message?: unknown } | undefined;
      try {
        e = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      if (e?.statusCode !== res.status || typeof e.message !== 'string' || !/[\u4e00-\u9fff]/.test(e.message)) failures.push(`not the error shape with a Chinese message: ${what()}`);
    };

    let k = 0;
    const sample = <T,>(arb: fc.Arbitrary<T>, numRuns = PER_PARAM[db]) => fc.sample(arb, { numRuns, seed: SEED + k++ });
    for (const op of ops) {
      for (const name of op.pathParams) for (const v of sample(urlValue)) await send(op, `path ${name}`, { path: { [name]: v } });
      for (const name of op.queryParams) for (const v of sample(urlValue)) await send(op, `query ${name}`, { query: [name, v] });
      if (op.method === 'GET') for (const name of sample(urlValue, PER_ROUTE_NAMES[db])) await send(op, 'query name', { query: [name, '1'] });
      if (op.method === 'GET' || op.method === 'DELETE') continue;
      for (const v of sample(wholeBody)) await send(op, 'body', { body: v });
      if (op.example) for (const field of fieldPaths(op.example)) for (const v of sample(jsonValue)) await send(op, `body ${field.join('.')}`, { body: setAt(op.example, field, v) });
      for (const name of op.multipart ?? []) for (const v of sample(hostileString)) await send(op, `form ${name}`, { form: [name, v] });
    }
    console.log(`fuzz (${db}): ${sent} requests in ${((Date.now() - started) / 1000).toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
    expect(failures).toEqual([]);
    // the platform still works after the barrage
    expect((await p.call('GET', `/api/leads/${ids.lead}`, undefined, { as: 'manager' })).status).toBe(200);
  }, 300_000);
});
