import { createHash, randomUUID } from 'node:crypto';
import { lead } from '../support/leads.js';
import { api, type ApiResponse, platformForSuite, signIn } from '../support/platform.js';
import { DATABASE_KINDS } from '../support/databases.js';

/**
 * Every route of the OpenAPI document × every kind of caller. A route the table below does not know
 * fails the test: whoever adds an endpoint decides, here, who may call it.
 *
 * Callers: nobody, an expired token, a tampered token, the promoter of the lead's origin board (A), a
 * promoter of an unrelated board (B), the operator of a park the lead was offered to (P), the operator of
 * a park it was not offered to (Q), the manager and the admin. Allowed calls must not answer 401/403;
 * every other call must answer 401 (no valid sign-in) or 403 (signed in, not yours) with the one error
 * shape and nothing of the lead in it; a record the caller may not see (`hidden`) is a 404, as if it
 * did not exist.
 */
type Who = 'none' | 'expired' | 'tampered' | 'promoterA' | 'promoterB' | 'operatorP' | 'operatorQ' | 'manager' | 'admin';
const WHO: Who[] = ['none', 'expired', 'tampered', 'promoterA', 'promoterB', 'operatorP', 'operatorQ', 'manager', 'admin'];
const SIGNED_IN: Who[] = ['promoterA', 'promoterB', 'operatorP', 'operatorQ', 'manager', 'admin'];
const CITY: Who[] = ['manager', 'admin'];

interface Rule {
  /** Who may call it; 'public' = everybody, tokens or not. */
  allow: Who[] | 'public';
  body?: unknown;
  query?: string;
  /** Signed-in callers outside `allow` get the 404 of a record that does not exist (not a 403 that confirms it). */
  hidden?: true;
  /** Of a hidden record: callers who see it exists (e.g. a park it was offered to) and so get a 403, not a 404. */
  seen?: Who[];
}

/** The access table: "METHOD /openapi/path" → who may call it (and a body/query that makes the call meaningful). */
function rules(ctx: { parkP: string; loginUser: string }): Record<string, Rule> {
  return {
    'GET /health': { allow: 'public' },
    'GET /api/boards': { allow: 'public' },
    'GET /api/parks': { allow: 'public' },
    'GET /api/parks/{id}': { allow: 'public' },
    'POST /api/auth/login': { allow: 'public', body: { username: ctx.loginUser, password: 'parkmatch-demo' } },
    'POST /api/auth/logout': { allow: SIGNED_IN },
    'GET /api/auth/me': { allow: SIGNED_IN },
    'POST /api/auth/api-tokens': { allow: CITY, body: { name: 'matrix' } },
    'GET /api/auth/api-tokens': { allow: CITY },
    'DELETE /api/auth/api-tokens/{id}': { allow: CITY },
    'GET /api/users': { allow: ['admin'] },
    'POST /api/users': { allow: ['admin'], body: {} },
    'PATCH /api/users/{id}': { allow: ['admin'], body: {} },
    'GET /api/audit': { allow: CITY },
    'POST /api/users/{id}/password': { allow: ['admin'], body: {} },

    'POST /api/leads': { allow: ['promoterA', 'manager', 'admin'], body: { ...lead('hydrogen', 'haian'), description: '矩阵测试：氢燃料电池电堆项目，年产5000套系统。' } },
    'GET /api/leads': { allow: SIGNED_IN },
    'GET /api/leads/{id}': { allow: ['promoterA', 'operatorP', 'manager', 'admin'], hidden: true },
    'GET /api/leads/export.xlsx': { allow: SIGNED_IN },
    // follow-ups and 责任人: whoever sees the lead in full (its board, the park that accepted it, the city); a park it was only offered to is refused
    'GET /api/leads/{id}/follow-ups': { allow: ['promoterA', 'manager', 'admin'], hidden: true, seen: ['operatorP'] },
    'POST /api/leads/{id}/follow-ups': { allow: ['promoterA', 'manager'], body: { happenedOn: '2026-11-30', kind: '走访', participants: '王敏', summary: '矩阵测试' }, hidden: true, seen: ['operatorP', 'admin'] },
    // attachments follow the follow-ups' rule; a missing attachment is a 404 for those allowed
    'GET /api/leads/{id}/attachments': { allow: ['promoterA', 'manager', 'admin'], hidden: true, seen: ['operatorP'] },
    'POST /api/leads/{id}/attachments': { allow: ['promoterA', 'manager'], hidden: true, seen: ['operatorP', 'admin'] },
    'GET /api/leads/{id}/attachments/{attachmentId}': { allow: ['promoterA', 'manager', 'admin'], hidden: true, seen: ['operatorP'] },
    'DELETE /api/leads/{id}/attachments/{attachmentId}': { allow: ['promoterA', 'manager'], hidden: true, seen: ['operatorP', 'admin'] },
    'PUT /api/leads/{id}/owner': { allow: ['promoterA'], body: { userId: null }, hidden: true, seen: ['operatorP', 'manager', 'admin'] },
    'GET /api/staff': { allow: SIGNED_IN },
    'GET /api/reports/monthly': { allow: SIGNED_IN, query: 'month=2026-01' },
    'GET /api/reports/monthly.xlsx': { allow: SIGNED_IN, query: 'month=2026-01' },
    'GET /api/parks/{parkId}/offers': { allow: ['operatorP', 'manager', 'admin'] },
    'POST /api/parks/{parkId}/offers/{offerId}/accept': { allow: ['operatorP'] },
    'POST /api/parks/{parkId}/offers/{offerId}/decline': { allow: ['operatorP'], body: { reason: 'no_space' } },
    'POST /api/parks/{parkId}/leads/{leadId}/stage': { allow: ['operatorP'], body: { stage: '签约' } },
    'GET /api/offers/overdue': { allow: ['operatorP', 'operatorQ', 'manager', 'admin'] },

    'GET /api/review/no-fit': { allow: CITY },
    'POST /api/review/leads/{id}/send': { allow: CITY, body: {} },
    'POST /api/review/leads/{id}/close': { allow: CITY, body: {} },
    'GET /api/duplicates': { allow: CITY },
    'POST /api/duplicates/{id}/settle': { allow: ['manager'], body: { status: 'dismissed', comment: '矩阵测试' } },
    'POST /api/duplicates/settle': { allow: ['manager'], body: { ids: ['matrix-unknown'], status: 'dismissed', comment: '矩阵测试' } },
    'POST /api/rescore': { allow: CITY, body: { reason: '矩阵测试' } },
    'GET /api/rescore/{id}': { allow: CITY },
    'GET /api/notifications': { allow: CITY, query: 'recipientKind=manager&recipientId=city' },
    'POST /api/notifications/{id}/read': { allow: CITY, body: { recipientKind: 'manager', recipientId: 'city' } },
    'POST /api/webhooks': { allow: ['operatorP', 'manager', 'admin'], body: { recipientKind: 'park', recipientId: ctx.parkP, url: 'http://127.0.0.1:9/hook' } },
    // webhooks: everyone manages its own recipient's; another's answers 404 (as if it did not exist)
    'GET /api/webhooks': { allow: SIGNED_IN },
    'GET /api/webhooks/{id}': { allow: SIGNED_IN },
    'GET /api/webhooks/{id}/deliveries': { allow: SIGNED_IN },
    'PATCH /api/webhooks/{id}': { allow: SIGNED_IN, body: { enabled: false } },
    'DELETE /api/webhooks/{id}': { allow: SIGNED_IN },
    'POST /api/webhooks/{id}/test': { allow: SIGNED_IN },
    'POST /api/webhooks/{id}/secret': { allow: SIGNED_IN },

    // batch import (lead creation in bulk): promoters and the city
    'GET /api/imports/template.csv': { allow: 'public' },
    'GET /api/imports/template.xlsx': { allow: 'public' },
    'POST /api/imports': { allow: ['promoterA', 'promoterB', 'manager', 'admin'], body: {} },
    'GET /api/imports/{id}': { allow: ['promoterA', 'promoterB', 'manager', 'admin'] },
    'GET /api/imports/{id}/errors.csv': { allow: ['promoterA', 'promoterB', 'manager', 'admin'] },
    'POST /api/imports/{id}/cancel': { allow: ['promoterA', 'promoterB', 'manager', 'admin'] },

    // console helpers
    'POST /api/match/preview': { allow: ['promoterA', 'promoterB', 'manager', 'admin'], body: { description: '碳化硅功率器件' } },
    'POST /api/parks/{id}/revision-preview': { allow: CITY, body: {} },
    'POST /api/parks/{id}/versions': { allow: CITY, body: {} },
    'GET /api/stats/overview': { allow: CITY },
    'GET /api/reports/precision': { allow: CITY, query: 'month=2026-01' },
    'GET /api/industry-map': { allow: CITY },
    'GET /api/meta': { allow: SIGNED_IN },
    'GET /api/people': { allow: SIGNED_IN, query: 'ids=manager,system' },

    // park listings (应用场景/基金/载体): parks and the city publish and revise, everyone signed in reads; a lead's fitting listings follow the lead's own rule
    'POST /api/listings': { allow: ['operatorP', 'operatorQ', 'manager', 'admin'], body: { kind: 'fund', title: '矩阵测试基金', sectors: ['第三代半导体'], description: '矩阵测试', stages: ['成长期'], sizeCny100m: 5 } },
    'GET /api/listings': { allow: SIGNED_IN },
    'GET /api/listings/{id}': { allow: SIGNED_IN },
    'POST /api/listings/{id}/revisions': { allow: ['operatorP', 'operatorQ', 'manager', 'admin'], body: {} },
    'GET /api/listings/{id}/leads': { allow: SIGNED_IN },
    'GET /api/stats/proactive': { allow: CITY },
    'GET /api/leads/{id}/listings': { allow: ['promoterA', 'operatorP', 'manager', 'admin'], hidden: true },

    // prospect inbox: a park's own operator, its board's promoters and the city; anyone else gets the 404 of a park that is not there
    'POST /api/parks/{park}/prospect-imports': { allow: ['operatorP', 'manager', 'admin'], body: {}, hidden: true },
    'GET /api/prospect-imports/{id}': { allow: ['promoterA', 'promoterB', 'operatorP', 'operatorQ', 'manager', 'admin'] },
    'GET /api/parks/{park}/prospects': { allow: ['operatorP', 'manager', 'admin'], hidden: true },
    'POST /api/parks/{park}/prospects/{id}/lead': { allow: ['operatorP', 'manager', 'admin'], hidden: true },
    'POST /api/parks/{park}/prospects/{id}/dismiss': { allow: ['operatorP', 'manager', 'admin'], body: { reason: '矩阵测试' }, hidden: true },
    // 补链: the park's operator and the city upload its firm list; they and the park's board read its chain
    'POST /api/parks/{park}/firms': { allow: ['operatorP', 'manager', 'admin'], body: {}, hidden: true },
    'GET /api/parks/{park}/firms': { allow: ['operatorP', 'manager', 'admin'], hidden: true },
    'GET /api/parks/{park}/chain': { allow: ['operatorP', 'manager', 'admin'], hidden: true },

    // benefit-sharing ledger: every signed-in user reaches it, the ledger scopes records by board/park
    'GET /api/sharing-records': { allow: SIGNED_IN },
    'GET /api/sharing-records/totals': { allow: CITY, query: 'from=2025-01-01&to=2025-12-31' },
    'GET /api/sharing-records/export.csv': { allow: SIGNED_IN },
    'GET /api/sharing-records/export.xlsx': { allow: SIGNED_IN },
    'GET /api/sharing-records/{id}': { allow: SIGNED_IN },
    'POST /api/sharing-records/{id}/confirm': { allow: SIGNED_IN, body: {} },
    'POST /api/sharing-records/{id}/approve': { allow: ['manager'], body: {} },
    'POST /api/sharing-records/{id}/reject': { allow: ['manager'], body: { comment: '矩阵测试' } },
    'POST /api/sharing-records/{id}/terms': { allow: SIGNED_IN, body: {} },
    'POST /api/sharing-records/{id}/amend': { allow: SIGNED_IN, body: {} },
    'POST /api/sharing-records/{id}/indicators': { allow: ['operatorP', 'operatorQ', 'manager', 'admin'], body: {} },
  };
}

describe.each(DATABASE_KINDS)('access matrix: every route × every caller (%s)', (db) => {
  const p = platformForSuite({ db });
  let tokens: Record<Who, string | undefined>;
  let ctx: { leadId: string; boardA: string; boardB: string; parkP: string; parkQ: string; offerP: string; loginUser: string; secrets: string[] };
  let paths: [string, string][];

  beforeAll(async () => {
    const boardA = 'haian';
    const created = await p.call('POST', '/api/leads', lead('sic', boardA), { as: `promoter:${boardA}` });
    expect(created.status).toBe(201);
    await p.drain();
    const d = (await p.call('GET', `/api/leads/${created.body.id}`, undefined, { as: 'manager' })).body;
    expect(d.offers.length).toBeGreaterThan(0);
    const parks = (await api(p.url, 'GET', '/api/parks')).body.items as { id: string; board: { id: string } }[];
    const offered = new Set<string>(d.offers.map((o: any) => o.parkId));
    const offeredBoards = new Set<string>(d.offers.map((o: any) => o.board));
    const parkQ = parks.find((x) => !offered.has(x.id))!.id;
    const boardB = parks.map((x) => x.board.id).find((b) => b !== boardA && !offeredBoards.has(b))!;
    ctx = {
      leadId: created.body.id,
      boardA,
      boardB,
      parkP: d.offers[0].parkId,
      parkQ,
      offerP: d.offers[0].id,
      // a user nobody else signs in as here (sign-in is limited per user name)
      loginUser: `promoter-${parks.map((x) => x.board.id).find((b) => b !== boardA && b !== boardB)!}`,
      // what must never show up in a refusal: the lead's description, company, contact name and phone
      secrets: [d.description.slice(0, 12), d.company, d.contacts[0].name, d.contacts[0].phone],
    };

    const expiredToken = await signIn(p.url, 'manager');
    await p.database.db.updateTable('auth_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('token_hash', '=', createHash('sha256').update(expiredToken).digest('hex')).execute();
    const valid = await p.tokenFor('manager');
    const tampered = valid.slice(0, -4) + (valid.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    tokens = {
      none: undefined,
      expired: expiredToken,
      tampered,
      promoterA: await p.tokenFor(`promoter:${boardA}`),
      promoterB: await p.tokenFor(`promoter:${boardB}`),
      operatorP: await p.tokenFor(`operator:${ctx.parkP}`),
      operatorQ: await p.tokenFor(`operator:${parkQ}`),
      manager: valid,
      admin: await p.tokenFor('admin'),
    };

    const doc = (await api(p.url, 'GET', '/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    paths = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((m) => [m.toUpperCase(), path] as [string, string]),
    );
  });

  const fill = (path: string): string =>
    path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (name === 'parkId' || name === 'park') return ctx.parkP;
      if (name === 'offerId') return ctx.offerP;
      if (name === 'leadId') return ctx.leadId;
      if (path.startsWith('/api/leads/')) return ctx.leadId;
      if (path.startsWith('/api/parks/')) return ctx.parkP;
      return randomUUID();
    });

  it('the OpenAPI document lists the routes the table knows, and every route has an access rule', () => {
    expect(paths.length).toBeGreaterThan(20);
    const known = rules({ parkP: 'x', loginUser: 'x' });
    const missing = paths.map(([m, path]) => `${m} ${path}`).filter((k) => !known[k]);
    expect(missing).toEqual([]);
  });

  it('allowed calls pass; every other call is a 401, 403 (or 404 for a hidden record) in the one error shape, leaking nothing', async () => {
    const table = rules(ctx);
    const failures: string[] = [];
    // reads first, then writes; logout last (it revokes the token it is called with)
    const order = [...paths].sort((a, b) => rank(a) - rank(b));
    for (const [method, path] of order) {
      const rule = table[`${method} ${path}`];
      if (!rule) continue; // reported by the test above
      for (const who of WHO) {
        const allowed = rule.allow === 'public' || rule.allow.includes(who);
        let token = tokens[who];
        if (path === '/api/auth/logout' && SIGNED_IN.includes(who)) token = await signIn(p.url, (await api(p.url, 'GET', '/api/auth/me', undefined, { authorization: `Bearer ${tokens[who]}` })).body.username);
        const url = fill(path) + (rule.query ? `?${rule.query}` : '');
        const r: ApiResponse = await api(p.url, method, url, method === 'GET' || method === 'DELETE' ? undefined : (rule.body ?? {}), token ? { authorization: `Bearer ${token}` } : {});
        const where = `${method} ${url} as ${who} → ${r.status}`;
        if (r.status >= 500) failures.push(`${where} (server error: ${JSON.stringify(r.body).slice(0, 200)})`);
        if (allowed) {
          if (r.status === 401 || r.status === 403) failures.push(`${where}: should be allowed (${r.body?.message})`);
          continue;
        }
        const expected = ['none', 'expired', 'tampered'].includes(who) ? 401 : rule.hidden && !rule.seen?.includes(who) ? 404 : 403;
        if (r.status !== expected) failures.push(`${where}: expected ${expected}`);
        const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
        if (typeof r.body !== 'object' || typeof r.body.message !== 'string' || r.body.statusCode !== r.status || r.body.error === undefined) failures.push(`${where}: not the error shape: ${text.slice(0, 200)}`);
        for (const s of ctx.secrets) if (s && text.includes(s)) failures.push(`${where}: leaks "${s}"`);
        if (/at .*\.(js|ts):\d+/.test(text)) failures.push(`${where}: stack trace in body`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('inside an allowed list, a promoter of another board sees none of the lead, and a park it was offered to sees it de-identified', async () => {
    const other = await api(p.url, 'GET', '/api/leads?pageSize=200', undefined, { authorization: `Bearer ${tokens.promoterB}` });
    expect(other.status).toBe(200);
    for (const s of ctx.secrets) expect(JSON.stringify(other.body)).not.toContain(s);
    const park = await api(p.url, 'GET', `/api/leads/${ctx.leadId}`, undefined, { authorization: `Bearer ${tokens.operatorQ}` });
    expect(park.status).toBe(404);
    const mine = await api(p.url, 'GET', '/api/leads?pageSize=200', undefined, { authorization: `Bearer ${tokens.promoterA}` });
    expect(mine.body.items.map((l: any) => l.id)).toContain(ctx.leadId);
  });

  it('the queue dashboard: basic auth (admin / ADMIN_PASSWORD) or an admin bearer token; nobody else', async () => {
    expect((await fetch(p.url + '/admin/queues')).status).toBe(401);
    expect((await fetch(p.url + '/admin/queues', { headers: { authorization: `Bearer ${tokens.tampered}` } })).status).toBe(401);
    expect((await fetch(p.url + '/admin/queues', { headers: { authorization: `Bearer ${tokens.manager}` } })).status).toBe(403);
    expect((await fetch(p.url + '/admin/queues', { headers: { authorization: `Bearer ${tokens.admin}` } })).status).toBe(200);
    const basic = 'Basic ' + Buffer.from('admin:test-admin-password').toString('base64');
    expect((await fetch(p.url + '/admin/queues', { headers: { authorization: basic } })).status).toBe(200);
  });
});

function rank([method, path]: [string, string]): number {
  if (path === '/api/auth/logout') return 3;
  if (method === 'GET') return 0;
  if (path.endsWith('/accept')) return 2; // after decline/stage were tried on an open offer
  return 1;
}
