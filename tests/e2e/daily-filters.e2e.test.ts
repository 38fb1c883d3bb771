import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { DATABASE_KINDS } from '../support/databases.js';
import { lead } from '../support/leads.js';
import { platformForSuite } from '../support/platform.js';

/**
 * Issue 13's loose ends in the lists: a park filters its inbox and projects by its 责任人, and every
 * date-range filter means Nantong (Asia/Shanghai) calendar days, not UTC ones.
 */
const BOARD = 'jiafang';
const PROMOTER = `promoter:${BOARD}`;

async function sheetOf(res: Response): Promise<Record<string, string>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}

describe.each(DATABASE_KINDS)('list filters of the daily work on %s', (db) => {
  const p = platformForSuite({ db });
  let leadId: string;
  let leadCode: string;
  let offer: { id: string; parkId: string };

  beforeAll(async () => {
    const created = await p.call('POST', '/api/leads', lead('sic', BOARD, { sector: '第三代半导体' }), { as: PROMOTER });
    expect(created.status).toBe(201);
    ({ id: leadId, code: leadCode } = created.body);
    await p.drain();
    offer = (await p.call('GET', `/api/leads/${leadId}`, undefined, { as: PROMOTER })).body.offers.find((o: any) => o.board !== BOARD);
    expect(offer).toBeDefined();
    expect((await p.call('POST', `/api/parks/${offer.parkId}/offers/${offer.id}/accept`, undefined, { as: `operator:${offer.parkId}` })).status).toBe(200);
  });

  it('a park filters its inbox and its accepted projects by the park 责任人, who is shown on the row', async () => {
    const park = `operator:${offer.parkId}`;
    const made = await p.call('POST', '/api/users', { username: `${offer.parkId}-lina`, name: '李娜', role: 'park_operator', parkId: offer.parkId, password: 'lina-password-12' }, { as: 'admin' });
    expect(made.status).toBe(201);
    const staff = (await p.call('GET', '/api/staff', undefined, { as: park })).body.items as { id: string; name: string }[];
    const lina = staff.find((u) => u.name === '李娜')!;
    const other = staff.find((u) => u.name !== '李娜')!;
    expect(other).toBeDefined();
    expect((await p.call('PUT', `/api/leads/${leadId}/owner`, { userId: lina.id }, { as: park })).status).toBe(200);

    const inbox = await p.call('GET', `/api/parks/${offer.parkId}/offers?owner=${lina.id}`, undefined, { as: park });
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((o: any) => [o.leadCode, o.owner?.name])).toEqual([[leadCode, '李娜']]);
    const projects = await p.call('GET', `/api/parks/${offer.parkId}/offers?status=accepted&owner=${lina.id}`, undefined, { as: park });
    expect(projects.body.items.map((o: any) => o.leadCode)).toEqual([leadCode]);
    expect((await p.call('GET', `/api/parks/${offer.parkId}/offers?status=accepted&owner=${other.id}`, undefined, { as: park })).body).toMatchObject({ items: [], total: 0 });
    // The city sees the same filter; an open offer has no 责任人 yet, so it never matches.
    expect((await p.call('GET', `/api/parks/${offer.parkId}/offers?owner=${lina.id}`, undefined, { as: 'manager' })).body.total).toBe(1);
    expect((await p.call('GET', `/api/parks/${offer.parkId}/offers?status=open&owner=${lina.id}`, undefined, { as: 'manager' })).body.total).toBe(0);
    // Unfiltered, the accepted row names its 责任人 too.
    const all = (await p.call('GET', `/api/parks/${offer.parkId}/offers`, undefined, { as: park })).body.items;
    expect(all.find((o: any) => o.leadCode === leadCode).owner).toEqual({ id: lina.id, name: '李娜' });

    const bad = await p.call('GET', `/api/parks/${offer.parkId}/offers?owner=${'x'.repeat(101)}`, undefined, { as: park });
    expect([bad.status, bad.body.message]).toEqual([400, expect.stringContaining('责任人')]);
  });

  it('from/to are Nantong days: 07:30 on the first day and noon on the last are in, 00:30 the day after is out', async () => {
    const at = { early: '2026-11-20T07:30:00+08:00', last: '2026-11-22T12:00:00+08:00', after: '2026-11-23T00:30:00+08:00', before: '2026-11-19T23:50:00+08:00' };
    const codes: Record<string, string> = {};
    for (const [k, when] of Object.entries(at)) {
      const r = await p.call('POST', '/api/leads', lead('bakery', 'rugao'), { as: 'promoter:rugao' });
      expect(r.status).toBe(201);
      codes[k] = r.body.code;
      await sql`update leads set created_at = ${new Date(when)} where id = ${r.body.id}`.execute(p.database.db); // created_at is the database's own clock
    }
    const range = 'board=rugao&from=2026-11-20&to=2026-11-22';
    const list = await p.call('GET', `/api/leads?${range}`, undefined, { as: 'manager' });
    expect(list.status).toBe(200);
    expect(list.body.items.map((l: any) => l.code).sort()).toEqual([codes.early, codes.last].sort());
    // One day: from = to.
    expect((await p.call('GET', '/api/leads?board=rugao&from=2026-11-23&to=2026-11-23', undefined, { as: 'manager' })).body.items.map((l: any) => l.code)).toEqual([codes.after]);

    const rows = await sheetOf(await p.fetch(`/api/leads/export.xlsx?${range}`, { as: 'manager' }));
    expect(rows.map((r) => [r['线索编号'], r['提交时间（北京时间）']]).sort()).toEqual([[codes.early, '2026-11-20 07:30'], [codes.last, '2026-11-22 12:00']].sort());
    // 提交人 by the name people know, not the account name; no record ids anywhere.
    expect(rows.map((r) => r['提交人'])).toEqual(['如皋市招商专员', '如皋市招商专员']);
    expect(JSON.stringify(rows)).not.toMatch(/promoter-|[0-9a-f]{8}-[0-9a-f]{4}-/);

    const stats = await p.call('GET', '/api/stats/overview?from=2026-11-20&to=2026-11-22', undefined, { as: 'manager' });
    expect(stats.status).toBe(200);
    expect(stats.body.leadsByBoard.find((b: any) => b.boardId === 'rugao').leads).toBe(2);
  });
});
