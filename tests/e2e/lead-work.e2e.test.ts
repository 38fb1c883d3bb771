import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { chinaDateTime } from '#domain';
import { LeadWorkService } from '#pipeline';
import { DATABASE_KINDS } from '../support/databases.js';
import { lead } from '../support/leads.js';
import { platformForSuite } from '../support/platform.js';

/**
 * The daily work around a lead (issue 13): 跟进记录 with next-step reminders, 责任人, the lead list's
 * substring 行业 search and owner filter, and its XLSX export, each as the roles who meet them.
 * jiafang (南通国际家纺产业园区) submits a 第三代半导体 project, so it is offered across boards.
 */
const BOARD = 'jiafang';
const PROMOTER = `promoter:${BOARD}`;
const PHONE = '13912340000';

async function receiver(): Promise<{ server: Server; url: string; got: string[] }> {
  const got: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push(body);
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got };
}

async function sheetOf(res: Response): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return rows;
}

describe.each(DATABASE_KINDS)('follow-ups, 责任人 and the list export on %s', (db) => {
  const p = platformForSuite({ db, env: { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOW_PRIVATE: 'true' } });
  let rx: Awaited<ReturnType<typeof receiver>>;
  let leadId: string;
  let leadCode: string;
  let offer: { id: string; parkId: string; board: string };
  let otherLeadId: string;

  beforeAll(async () => {
    rx = await receiver();
    const created = await p.call('POST', '/api/leads', lead('sic', BOARD, { sector: '第三代半导体', contacts: [{ name: '张经理', phone: PHONE }] }), { as: PROMOTER });
    expect(created.status).toBe(201);
    ({ id: leadId, code: leadCode } = created.body);
    otherLeadId = (await p.call('POST', '/api/leads', lead('textile', BOARD), { as: PROMOTER })).body.id;
    await p.drain();
    const detail = await p.call('GET', `/api/leads/${leadId}`, undefined, { as: PROMOTER });
    offer = detail.body.offers.find((o: any) => o.board !== BOARD);
    expect(offer).toBeDefined();
  });
  afterAll(() => rx?.server.close());

  it('a promoter logs a visit with a next step; its reminder reaches the board once, in-app and by webhook, on its Shanghai date', async () => {
    const hook = await p.call('POST', '/api/webhooks', { recipientKind: 'board', recipientId: BOARD, url: rx.url }, { as: PROMOTER });
    expect(hook.status).toBe(201);
    const r = await p.call('POST', `/api/leads/${leadId}/follow-ups`, {
      happenedOn: '2026-11-20', kind: '走访', participants: '王敏、张经理', summary: '走访企业，确认一期用地 150 亩', nextStep: '安排园区考察', nextStepOn: '2026-11-25',
    }, { as: PROMOTER });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ kind: '走访', nextStepOn: '2026-11-25', authorName: '南通国际家纺产业园区招商专员' });

    const work = p.app.get(LeadWorkService);
    expect(await work.remindDue(new Date('2026-11-24T15:59:00Z'))).toBe(0); // 23:59 on the 24th in Nantong
    expect(await work.remindDue(new Date('2026-11-24T16:01:00Z'))).toBe(1); // 00:01 on the 25th
    expect(await work.remindDue(new Date('2026-11-26T08:00:00Z'))).toBe(0);
    await p.drain();
    const notes = await p.call('GET', `/api/notifications?recipientKind=board&recipientId=${BOARD}`, undefined, { as: PROMOTER });
    const due = notes.body.items.filter((n: any) => n.kind === 'follow-up-due');
    expect(due).toHaveLength(1);
    expect(due[0].title).toBe(`线索 ${leadCode} 的下一步已到期`);
    expect(due[0].body).toContain('安排园区考察');
    expect(rx.got.some((b) => b.includes('安排园区考察'))).toBe(true);
  });

  it('follow-ups are seen and written only by those who see the lead in full', async () => {
    const list = await p.call('GET', `/api/leads/${leadId}/follow-ups`, undefined, { as: PROMOTER });
    expect(list.status).toBe(200);
    expect(list.body.items.map((f: any) => f.kind)).toEqual(['走访']);
    expect((await p.call('GET', `/api/leads/${leadId}/follow-ups`, undefined, { as: 'manager' })).body.items).toHaveLength(1);
    // Offered, not yet accepted: the park sees the de-identified summary, not the work log.
    const park = `operator:${offer.parkId}`;
    const denied = await p.call('GET', `/api/leads/${leadId}/follow-ups`, undefined, { as: park });
    expect(denied.status).toBe(403);
    expect([denied.body.code, denied.body.message]).toEqual(['WORK_LOG_FORBIDDEN', expect.stringContaining('跟进记录')]);
    expect((await p.call('POST', `/api/leads/${leadId}/follow-ups`, { happenedOn: '2026-11-21', kind: '电话', participants: '园区', summary: '致电' }, { as: park })).status).toBe(403);
    expect((await p.call('GET', `/api/leads/${leadId}/follow-ups`, undefined, { as: 'promoter:haian' })).status).toBe(404);

    const accepted = await p.call('POST', `/api/parks/${offer.parkId}/offers/${offer.id}/accept`, undefined, { as: park });
    expect(accepted.status).toBe(200);
    const visit = await p.call('POST', `/api/leads/${leadId}/follow-ups`, { happenedOn: '2026-11-28', kind: '考察', participants: '园区招商部、企业张总', summary: '企业来园考察厂房' }, { as: park });
    expect(visit.status).toBe(201);
    expect((await p.call('GET', `/api/leads/${leadId}/follow-ups`, undefined, { as: park })).body.items.map((f: any) => f.kind)).toEqual(['考察', '走访']);
    // The accepting park's board sees the company (named view) but not the people in the log.
    expect((await p.call('GET', `/api/leads/${leadId}/follow-ups`, undefined, { as: `promoter:${offer.board}` })).status).toBe(403);
  });

  it('bad follow-ups get a Chinese 400 naming the field', async () => {
    const base = { happenedOn: '2026-11-20', kind: '走访', participants: '王敏', summary: '走访' };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...base, kind: '拜访' }, 'kind', '电话 / 走访 / 会谈 / 考察 / 签约仪式'],
      [{ ...base, happenedOn: '2026-02-30' }, 'happenedOn', '真实存在的日期'],
      [{ ...base, nextStep: '签约' }, 'nextStepOn', '下一步的日期'],
      [{ ...base, nextStepOn: '2026-11-30' }, 'nextStep', '下一步要做什么'],
      [{ ...base, nextStep: '签约', nextStepOn: '2026-11-01' }, 'nextStepOn', '不能早于跟进日期'],
      [{ ...base, summary: '  ' }, 'summary', '请填写跟进情况'],
    ];
    for (const [body, field, words] of cases) {
      const r = await p.call('POST', `/api/leads/${leadId}/follow-ups`, body, { as: PROMOTER });
      expect([r.status, r.body.message]).toEqual([400, expect.stringContaining(words)]);
      expect(r.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
  });

  it('a board and the accepting park each name one of their staff as 责任人; the list filters by it and the history names them', async () => {
    const made = await p.call('POST', '/api/users', { username: 'jiafang-wangmin', name: '王敏', role: 'promoter', boardId: BOARD, password: 'wangmin-password-1' }, { as: 'admin' });
    expect(made.status).toBe(201);
    const staff = await p.call('GET', '/api/staff', undefined, { as: PROMOTER });
    expect(staff.status).toBe(200);
    const wang = staff.body.items.find((u: any) => u.name === '王敏');
    expect(wang).toBeDefined();
    expect(staff.body.items.every((u: any) => typeof u.name === 'string' && !('username' in u))).toBe(true);

    const set = await p.call('PUT', `/api/leads/${leadId}/owner`, { userId: wang.id }, { as: PROMOTER });
    expect(set.status).toBe(200);
    expect(set.body.owners.board).toEqual({ id: wang.id, name: '王敏' });

    const parkStaff = await p.call('GET', '/api/staff', undefined, { as: `operator:${offer.parkId}` });
    const parkOwner = parkStaff.body.items[0];
    // A park cannot name another desk's people, nor the board its own.
    expect((await p.call('PUT', `/api/leads/${leadId}/owner`, { userId: wang.id }, { as: `operator:${offer.parkId}` })).body.code).toBe('OWNER_NOT_STAFF');
    expect((await p.call('GET', '/api/staff', undefined, { as: 'manager' })).status).toBe(400);
    expect((await p.call('GET', `/api/staff?board=${BOARD}`, undefined, { as: 'manager' })).body.items.map((u: any) => u.name)).toContain('王敏');
    expect((await p.call('PUT', `/api/leads/${leadId}/owner`, { userId: parkOwner.id }, { as: PROMOTER })).body.message).toContain('本板块');
    const parkSet = await p.call('PUT', `/api/leads/${leadId}/owner`, { userId: parkOwner.id }, { as: `operator:${offer.parkId}` });
    expect(parkSet.status).toBe(200);
    expect(parkSet.body.owners).toEqual({ board: { id: wang.id, name: '王敏' }, park: parkOwner });
    expect((await p.call('PUT', `/api/leads/${otherLeadId}/owner`, { userId: wang.id }, { as: 'promoter:haian' })).status).toBe(404);
    expect((await p.call('PUT', `/api/leads/${leadId}/owner`, { userId: wang.id }, { as: 'manager' })).status).toBe(403);

    const mine = await p.call('GET', `/api/leads?owner=${wang.id}`, undefined, { as: PROMOTER });
    expect(mine.body.items.map((l: any) => l.id)).toEqual([leadId]);
    expect(mine.body.items[0].owners.board.name).toBe('王敏');
    const history = (await p.call('GET', `/api/leads/${leadId}`, undefined, { as: PROMOTER })).body.history.filter((e: any) => e.kind === 'assigned');
    expect(history.map((e: any) => [e.data.side, e.data.ownerName, e.data.byName])).toEqual([
      ['board', '王敏', '南通国际家纺产业园区招商专员'],
      ['park', parkOwner.name, expect.stringContaining('运营')],
    ]);
  });

  it('行业 is searched by substring: 半导体 finds 第三代半导体', async () => {
    const r = await p.call('GET', `/api/leads?sector=${encodeURIComponent('半导体')}`, undefined, { as: PROMOTER });
    expect(r.body.items.map((l: any) => l.id)).toEqual([leadId]);
    expect((await p.call('GET', `/api/leads?sector=${encodeURIComponent('%')}`, undefined, { as: PROMOTER })).body.items).toHaveLength(0);
  });

  it('the export carries the filters, Chinese headers, Nantong local times, names not ids, and personal data only for who may see it', async () => {
    const wang = (await p.call('GET', '/api/staff', undefined, { as: PROMOTER })).body.items.find((u: any) => u.name === '王敏');
    const res = await p.fetch(`/api/leads/export.xlsx?sector=${encodeURIComponent('半导体')}&owner=${wang.id}`, { as: PROMOTER });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('线索列表'));
    const rows = await sheetOf(res);
    expect(rows[0]).toEqual(expect.arrayContaining(['线索编号', '企业名称', '来源板块', '板块责任人', '园区责任人', '联系人', '提交时间（北京时间）']));
    expect(rows).toHaveLength(2);
    const row = Object.fromEntries(rows[0]!.map((h, i) => [h, rows[1]![i]]));
    const detail = (await p.call('GET', `/api/leads/${leadId}`, undefined, { as: PROMOTER })).body;
    expect(row).toMatchObject({ 线索编号: leadCode, 来源板块: '南通国际家纺产业园区', 板块责任人: '王敏', 状态: '已承接', '提交时间（北京时间）': chinaDateTime(new Date(detail.createdAt)) });
    expect(row['联系人']).toContain(PHONE);

    // Another park the lead was offered to (withdrawn after acceptance) sees only the de-identified row.
    const others = (await p.call('GET', `/api/leads/${leadId}`, undefined, { as: 'manager' })).body.offers.filter((o: any) => o.parkId !== offer.parkId);
    expect(others.length).toBeGreaterThan(0);
    {
      const seen = await sheetOf(await p.fetch('/api/leads/export.xlsx', { as: `operator:${others[0].parkId}` }));
      const text = JSON.stringify(seen);
      expect(text).toContain(leadCode);
      expect(text).not.toContain(PHONE);
      expect(text).not.toContain('江苏芯能碳化硅科技有限公司');
      expect(text).not.toContain('王敏');
    }
    const bad = await p.call('GET', '/api/leads/export.xlsx?from=2026-13-01', undefined, { as: PROMOTER });
    expect(bad.status).toBe(400);
  });
});
