import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { hashPassword } from '#auth';
import { UserRepository } from '#persistence';
import { acceptFirstOffer, lead } from '../support/leads.js';
import { DEMO_PASSWORD, platformForSuite, signIn, type TestPlatform } from '../support/platform.js';
import { DATABASE_KINDS } from '../support/databases.js';

/**
 * The benefit-sharing ledger (利益共享, issue 6) on the real platform: a park of board B accepting a lead that
 * board A brought proposes a record; both boards confirm, the manager decides, 签约 makes it effective.
 */

/** A second manager (the demo users have one): two people deciding at once. */
async function secondManager(p: TestPlatform): Promise<Record<string, string>> {
  await new UserRepository(p.database.db).insertMissing([
    { id: randomUUID(), username: 'manager-2', name: '市科技局-李', role: 'manager', board_id: null, park_id: null, password_hash: await hashPassword(DEMO_PASSWORD) },
  ]);
  return { authorization: `Bearer ${await signIn(p.url, 'manager-2')}` };
}

interface Accepted {
  leadId: string;
  parkId: string;
  originBoard: string;
  receivingBoard: string;
  recordId: string | null;
}

/** Terms two boards agreed on (协商协议): split credit for investment, output and tax, 20 % revenue share for 3 years. */
function negotiatedTerms(agreementRef: string) {
  return {
    credit: {
      signed_amount: { mode: 'double' },
      funds_in_place: { mode: 'double' },
      fixed_asset_investment: { mode: 'split', originBp: 4000, receiverBp: 6000 },
      output_value: { mode: 'split', originBp: 4000, receiverBp: 6000 },
      tax: { mode: 'split', originBp: 3000, receiverBp: 7000 },
    },
    creditWindow: { years: 5, startEvent: 'construction_start' },
    revenueShare: { originBp: 2000, years: 3, startEvent: 'first_tax' },
    agreementRef,
  };
}

let seq = 0;

/** Submits a lead, lets it be scored and shared, and has the first offered park accept it. */
async function acceptLead(p: TestPlatform, kind: 'sic' | 'hydrogen', originBoard: string): Promise<Accepted> {
  seq++;
  // Distinct brands: 芯源第1 / 芯源第2 would be one company to the duplicate rule, and the second held as 疑似撞车.
  const brand = '甲乙丙丁戊己庚辛壬癸'[seq % 10]! + '子丑寅卯辰巳午未申酉'[Math.floor(seq / 10) % 10]!;
  const extra = kind === 'sic' ? { company: `南通${brand}半导体有限公司`, description: `碳化硅功率器件及外延片项目（第${seq}期），建设6英寸SiC晶圆产线，年产车规级功率模块100万只。` } : {};
  const created = await p.call('POST', '/api/leads', lead(kind, originBoard, extra), { as: `promoter:${originBoard}` });
  expect(created.status).toBe(201);
  await p.drain();
  const { parkId, receivingBoard, sharingRecordId } = await acceptFirstOffer(p, created.body.id);
  return { leadId: created.body.id, parkId, originBoard, receivingBoard, recordId: sharingRecordId ?? null };
}

async function confirmBoth(p: TestPlatform, a: Accepted, id = a.recordId!) {
  const o = await p.call('POST', `/api/sharing-records/${id}/confirm`, {}, { as: `promoter:${a.originBoard}` });
  expect(o.status).toBe(200);
  const r = await p.call('POST', `/api/sharing-records/${id}/confirm`, {}, { as: `operator:${a.parkId}` });
  expect(r.status).toBe(200);
  expect(r.body.record.status).toBe('confirmed');
  return r.body;
}

async function sign(p: TestPlatform, a: Accepted) {
  const r = await p.call('POST', `/api/parks/${a.parkId}/leads/${a.leadId}/stage`, { stage: '签约' }, { as: `operator:${a.parkId}` });
  expect(r.status).toBe(200);
}

/** Accepted, confirmed, approved and signed: an effective record. */
async function effectiveRecord(p: TestPlatform, originBoard = 'jiafang'): Promise<Accepted> {
  const a = await acceptLead(p, 'sic', originBoard);
  await confirmBoth(p, a);
  expect((await p.call('POST', `/api/sharing-records/${a.recordId}/approve`, { comment: '同意' }, { as: 'manager' })).status).toBe(200);
  await sign(p, a);
  return a;
}

describe.each(DATABASE_KINDS)('benefit-sharing ledger (%s, real Redis and workers)', (db) => {
  const p = platformForSuite({ db });

  it('a cross-board acceptance proposes a record with the policy defaults; a same-board acceptance proposes none', async () => {
    const a = await acceptLead(p, 'sic', 'jiafang');
    expect(a.receivingBoard).not.toBe('jiafang');
    expect(a.recordId).toBeTruthy();
    const got = await p.call('GET', `/api/sharing-records/${a.recordId}`, undefined, { as: 'manager' });
    expect(got.status).toBe(200);
    const r = got.body.record;
    expect(r).toMatchObject({ version: 1, revision: 1, status: 'proposed', statusName: '待确认', leadId: a.leadId, originBoardId: 'jiafang', receivingParkId: a.parkId, receivingBoardId: a.receivingBoard, supersedes: null });
    expect(r.submittedBy).toBeTruthy();
    expect(r.terms).toMatchObject({
      source: 'policy',
      policyVersion: '2025-01',
      agreementRef: null,
      credit: {
        signed_amount: { mode: 'double' },
        funds_in_place: { mode: 'double' },
        fixed_asset_investment: { mode: 'split', originBp: 5000, receiverBp: 5000 },
        output_value: { mode: 'split', originBp: 5000, receiverBp: 5000 },
        tax: { mode: 'split', originBp: 5000, receiverBp: 5000 },
      },
      creditWindow: { years: 5, startEvent: 'construction_start' },
      revenueShare: { originBp: 3000, years: 5, startEvent: 'first_tax' },
    });
    expect(got.body.history).toHaveLength(1);
    expect(got.body.history[0]).toMatchObject({ event: 'propose', revision: 1, toStatus: 'proposed', actor: { role: 'park_operator', parkId: a.parkId } });
    // Both boards hear about it.
    const notices = await p.call('GET', `/api/notifications?recipientKind=board&recipientId=jiafang`, undefined, { as: 'promoter:jiafang' });
    expect(notices.body.items.some((n: any) => n.kind === 'sharing-proposed' && n.lead_id === a.leadId)).toBe(true);

    const same = await acceptLead(p, 'hydrogen', 'rugao');
    expect(same.receivingBoard).toBe('rugao');
    expect(same.recordId).toBeNull();
    const list = await p.call('GET', '/api/sharing-records?board=rugao&pageSize=200', undefined, { as: 'manager' });
    expect(list.body.items.filter((i: any) => i.leadId === same.leadId)).toEqual([]);
  });

  it('both boards confirm, the manager approves, 签约 makes it effective; an approved record refuses edits and an amendment is version 2', async () => {
    const a = await acceptLead(p, 'sic', 'jiafang');
    const id = a.recordId!;
    // The manager cannot approve before both boards confirmed, nor confirm for a board.
    const early = await p.call('POST', `/api/sharing-records/${id}/approve`, {}, { as: 'manager' });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('尚未确认');
    const managerConfirms = await p.call('POST', `/api/sharing-records/${id}/confirm`, {}, { as: 'manager' });
    expect(managerConfirms.status).toBe(403);
    // A promoter of a third board is not a party: for it the record does not exist.
    const outsider = await p.call('POST', `/api/sharing-records/${id}/confirm`, {}, { as: 'promoter:haian' });
    expect(outsider.status).toBe(404);

    expect((await p.call('POST', `/api/sharing-records/${id}/approve`, {}, { as: `promoter:${a.receivingBoard}` })).status).toBe(403);
    expect((await p.call('GET', `/api/sharing-records/${id}`, undefined, { as: 'promoter:haian' })).status).toBe(404);
    expect((await p.call('GET', `/api/sharing-records/${id}`, undefined, { as: 'promoter:jiafang' })).status).toBe(200);
    await confirmBoth(p, a);
    const approved = await p.call('POST', `/api/sharing-records/${id}/approve`, { comment: '同意按默认规则执行' }, { as: 'manager' });
    expect(approved.status).toBe(200);
    expect(approved.body.record.status).toBe('approved');
    expect(approved.body.record.decision).toMatchObject({ outcome: 'approved', comment: '同意按默认规则执行', by: { role: 'manager' } });

    await sign(p, a);
    const effective = (await p.call('GET', `/api/sharing-records/${id}`, undefined, { as: 'manager' })).body;
    expect(effective.record.status).toBe('effective');
    expect(effective.record.signedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(effective.history.map((h: any) => h.event)).toEqual(['propose', 'confirm', 'confirm', 'approve', 'sign']);
    expect(effective.history.map((h: any) => h.revision)).toEqual([1, 2, 3, 4, 5]);
    expect(effective.history.every((h: any) => h.actor.id && h.at)).toBe(true);

    // Approved records are never edited.
    const negotiated = negotiatedTerms('家纺-高新〔2025〕1号');
    const edit = await p.call('POST', `/api/sharing-records/${id}/terms`, { terms: negotiated }, { as: 'manager' });
    expect(edit.status).toBe(409);
    expect(edit.body.message).toContain('发起变更');

    const amended = await p.call('POST', `/api/sharing-records/${id}/amend`, { terms: negotiated, reason: '双方签订补充协议，调整分成比例' }, { as: 'promoter:jiafang' });
    expect(amended.status).toBe(201);
    const v2 = amended.body.record;
    expect(v2).toMatchObject({ version: 2, supersedes: id, lineageId: id, status: 'proposed', amendmentReason: '双方签订补充协议，调整分成比例' });
    expect(v2.id).not.toBe(id);
    expect(v2.terms).toMatchObject({ source: 'negotiated', agreementRef: '家纺-高新〔2025〕1号' });
    expect(amended.body.versions.map((v: any) => v.version)).toEqual([1, 2]);
    // Version 1 is untouched.
    const v1 = (await p.call('GET', `/api/sharing-records/${id}`, undefined, { as: 'manager' })).body.record;
    expect(v1).toMatchObject({ status: 'effective', revision: 5, terms: effective.record.terms });
    // A second amendment of version 1 while version 2 exists is refused.
    const again = await p.call('POST', `/api/sharing-records/${id}/amend`, { terms: { ...negotiated, agreementRef: 'X-2' }, reason: '再次变更' }, { as: 'manager' });
    expect(again.status).toBe(409);

    // Version 2 goes through the same review; once approved, version 1 shows as superseded.
    await confirmBoth(p, a, v2.id);
    const ok2 = await p.call('POST', `/api/sharing-records/${v2.id}/approve`, {}, { as: 'manager' });
    expect(ok2.status).toBe(200);
    expect(ok2.body.record.status).toBe('effective'); // the project was already signed
    const versions = ok2.body.versions;
    expect(versions.map((v: any) => v.displayStatus)).toEqual(['superseded', 'effective']);
  });

  it('concurrent approvals and rejections by two managers leave exactly one decision and a gap-free history', async () => {
    const other = { headers: await secondManager(p) };
    for (let round = 0; round < 3; round++) {
      const a = await acceptLead(p, 'sic', 'jiafang');
      await confirmBoth(p, a);
      const results = await Promise.all([
        p.call('POST', `/api/sharing-records/${a.recordId}/approve`, { comment: '同意' }, { as: 'manager' }),
        p.call('POST', `/api/sharing-records/${a.recordId}/reject`, { comment: '比例需再议' }, other),
        p.call('POST', `/api/sharing-records/${a.recordId}/approve`, { comment: '同意' }, other),
        p.call('POST', `/api/sharing-records/${a.recordId}/reject`, { comment: '驳回' }, { as: 'manager' }),
      ]);
      expect(results.map((r) => r.status).filter((s) => s === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status !== 200).every((r) => r.status === 409 && typeof r.body.message === 'string')).toBe(true);
      const winner = results.find((r) => r.status === 200)!.body.record;
      const d = (await p.call('GET', `/api/sharing-records/${a.recordId}`, undefined, { as: 'manager' })).body;
      expect(d.record.decision).toEqual(winner.decision);
      expect(['approved', 'rejected']).toContain(d.record.status);
      const decisions = d.history.filter((h: any) => h.event === 'approve' || h.event === 'reject');
      expect(decisions).toHaveLength(1);
      expect(d.history.map((h: any) => h.revision)).toEqual(d.history.map((_: unknown, i: number) => i + 1));
      expect(d.record.revision).toBe(d.history.length);
    }
  });

  it('negotiated terms on a proposed record are saved as its next revision, and both confirmations start over', async () => {
    const a = await acceptLead(p, 'sic', 'jiafang');
    const first = await p.call('POST', `/api/sharing-records/${a.recordId}/confirm`, {}, { as: 'promoter:jiafang' });
    expect(first.status).toBe(200);
    const negotiated = negotiatedTerms('家纺-承接〔2025〕2号');
    const edit = await p.call('POST', `/api/sharing-records/${a.recordId}/terms`, { terms: negotiated, comment: '按双方协议' }, { as: `operator:${a.parkId}` });
    expect(edit.status).toBe(200);
    const d = (await p.call('GET', `/api/sharing-records/${a.recordId}`, undefined, { as: 'promoter:jiafang' })).body;
    expect(d.record).toMatchObject({ status: 'proposed', revision: first.body.record.revision + 1 });
    expect(d.record.terms).toMatchObject({ source: 'negotiated', agreementRef: '家纺-承接〔2025〕2号', revenueShare: { originBp: 2000, years: 3 }, credit: { tax: { originBp: 3000, receiverBp: 7000 } } });
    // The origin board confirmed the old terms: it must confirm again.
    const again = await p.call('POST', `/api/sharing-records/${a.recordId}/confirm`, {}, { as: `operator:${a.parkId}` });
    expect(again.body.record.status).toBe('proposed');
  });

  it('negotiated split shares that do not add up to 100% are refused, naming the indicator', async () => {
    const a = await acceptLead(p, 'sic', 'jiafang');
    const bad = await p.call(
      'POST',
      `/api/sharing-records/${a.recordId}/terms`,
      {
        terms: {
          credit: {
            signed_amount: { mode: 'double' },
            funds_in_place: { mode: 'double' },
            fixed_asset_investment: { mode: 'split', originBp: 6000, receiverBp: 5000 },
            output_value: { mode: 'split', originBp: 5000, receiverBp: 5000 },
            tax: { mode: 'double' },
          },
          creditWindow: { years: 5, startEvent: 'construction_start' },
          revenueShare: { originBp: 3000, years: 5, startEvent: 'first_tax' },
          agreementRef: '协议-1',
        },
      },
      { as: 'promoter:jiafang' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('固定资产投资');
    expect(bad.body.message).toContain('10000');
    expect(bad.body.message).toContain('税收'); // tax may not be double-counted
    expect(bad.body.details.map((d: any) => d.field)).toEqual(expect.arrayContaining(['fixed_asset_investment', 'tax']));
    // Nothing was written.
    const d = (await p.call('GET', `/api/sharing-records/${a.recordId}`, undefined, { as: 'manager' })).body;
    expect(d.record.revision).toBe(1);
    // Malformed input is a 400, never a 500.
    for (const body of [{}, { actor: { role: 'boss', id: 'x' } }, { terms: 'all' }, { defaults: true, extra: 1 }]) {
      const r = await p.call('POST', `/api/sharing-records/${a.recordId}/terms`, body, { as: 'manager' });
      expect(r.status).toBe(400);
    }
    expect((await p.call('GET', '/api/sharing-records/no-such-record', undefined, { as: 'manager' })).status).toBe(404);
    expect((await p.call('GET', '/api/sharing-records/totals?from=2025-13-01&to=x', undefined, { as: 'manager' })).status).toBe(400);
  });

  it('the data refuses a record without an accepted cross-board offer, edits of approved records and history rewrites', async () => {
    const a = await effectiveRecord(p);
    const db = p.database.db;
    const row = await db.selectFrom('sharing_records').selectAll().where('id', '=', a.recordId!).executeTakeFirstOrThrow();
    // A copy pointing at an offer that was withdrawn (not accepted) is refused by the database itself.
    const withdrawn = await db.selectFrom('offers').select('id').where('lead_id', '=', a.leadId).where('status', '=', 'withdrawn').executeTakeFirst();
    if (withdrawn)
      await expect(
        sql`insert into sharing_records select ${'forged-' + a.recordId} as id, ${'forged-' + a.recordId} as lineage_id, version, supersedes, revision, status, ${withdrawn.id} as offer_id,
              lead_id, project_name, origin_board_id, submitted_by, receiving_park_id, receiving_board_id, terms, proposed_at, proposed_by, origin_confirmation,
              receiver_confirmation, decision, decided_at, signed_on, amendment_reason, created_at, updated_at from sharing_records where id = ${row.id}`.execute(db),
      ).rejects.toThrow();
    await expect(sql`update sharing_records set terms = jsonb_set(terms, '{revenueShare,originBp}', '5000'), revision = revision + 1 where id = ${row.id}`.execute(db)).rejects.toThrow(/cannot be changed/);
    await expect(sql`update sharing_records set status = 'proposed' where id = ${row.id}`.execute(db)).rejects.toThrow(/revision/);
    await expect(sql`update sharing_history set comment = 'x' where record_id = ${row.id}`.execute(db)).rejects.toThrow(/never/);
    await expect(sql`delete from sharing_history where record_id = ${row.id}`.execute(db)).rejects.toThrow(/never/);
    // Split shares that do not add up cannot be stored even bypassing the service.
    await expect(
      sql`update sharing_records set terms = jsonb_set(terms, '{credit,tax,originBp}', '6000'), revision = revision + 1 where status = 'proposed' and id in (select id from sharing_records where status = 'proposed' limit 1)`.execute(db),
    ).rejects.toThrow(/sharing_records_split_full/);
  });

  it('totals for a period equal the sum of the records, double and split credit apart; exports and the schedule', async () => {
    const a = await effectiveRecord(p, 'haian');
    const b = await effectiveRecord(p, 'haian');
    const pending = await acceptLead(p, 'sic', 'haian'); // proposed only: never counted
    const enter = (x: Accepted, values: unknown[]) =>
      p.call('POST', `/api/sharing-records/${x.recordId}/indicators`, { values }, { as: `operator:${x.parkId}` });
    expect((await enter(a, [
      { indicator: 'signed_amount', periodFrom: '2030-03-01', periodTo: '2030-03-01', amountWan: '20000' },
      { indicator: 'tax', periodFrom: '2030-01-01', periodTo: '2030-06-30', amountYuan: 333 },
      { indicator: 'output_value', periodFrom: '2030-01-01', periodTo: '2030-06-30', amountYuan: 1_000_001 },
    ])).status).toBe(200);
    expect((await enter(b, [
      { indicator: 'signed_amount', periodFrom: '2030-04-01', periodTo: '2030-04-01', amountYuan: 500_000_000 },
      { indicator: 'tax', periodFrom: '2030-01-01', periodTo: '2030-06-30', amountYuan: 1001 },
      { indicator: 'tax', periodFrom: '2031-01-01', periodTo: '2031-06-30', amountYuan: 999_999 }, // outside the period
    ])).status).toBe(200);
    expect((await enter(pending, [{ indicator: 'tax', periodFrom: '2030-01-01', periodTo: '2030-06-30', amountYuan: 77 }])).status).toBe(200);
    // Only the receiving park or the manager enter values.
    expect((await p.call('POST', `/api/sharing-records/${a.recordId}/indicators`, { values: [{ indicator: 'tax', periodFrom: '2030-01-01', periodTo: '2030-01-31', amountYuan: 1 }] }, { as: 'promoter:haian' })).status).toBe(403);

    const t = await p.call('GET', '/api/sharing-records/totals?from=2030-01-01&to=2030-12-31', undefined, { as: 'manager' });
    expect(t.status).toBe(200);
    expect(t.body.reconciliation).toEqual({ ok: true, problems: [] });
    expect(t.body.countedRecordIds).toEqual(expect.arrayContaining([a.recordId, b.recordId]));
    expect(t.body.countedRecordIds).not.toContain(pending.recordId);
    const ours = t.body.lines.filter((l: any) => [a.recordId, b.recordId].includes(l.recordId));
    expect(ours).toHaveLength(5);
    // 分算 by largest remainder, ties to the receiving board: 333 → 166 + 167; 1001 → 500 + 501.
    const taxA = ours.find((l: any) => l.recordId === a.recordId && l.indicator === 'tax');
    expect(taxA).toMatchObject({ mode: 'split', value: 333, originCredit: 166, receiverCredit: 167 });
    // Board totals equal the sum of their records' lines, with double and split credit apart.
    for (const row of t.body.boards) {
      const lines = t.body.lines.filter((l: any) => l.indicator === row.indicator && (l.originBoardId === row.boardId || l.receivingBoardId === row.boardId));
      const credit = (l: any, mode: string) => (l.mode !== mode ? 0 : (l.originBoardId === row.boardId ? l.originCredit : 0) + (l.receivingBoardId === row.boardId ? l.receiverCredit : 0));
      expect(row.doubleCredit).toBe(lines.reduce((s: number, l: any) => s + credit(l, 'double'), 0));
      expect(row.splitCredit).toBe(lines.reduce((s: number, l: any) => s + credit(l, 'split'), 0));
      expect(row.total).toBe(row.doubleCredit + row.splitCredit);
    }
    const haianSigned = t.body.boards.find((x: any) => x.boardId === 'haian' && x.indicator === 'signed_amount');
    expect(haianSigned).toMatchObject({ doubleCredit: 700_000_000, splitCredit: 0, boardName: '海安市', indicatorName: '签约额' });
    const haianTax = t.body.boards.find((x: any) => x.boardId === 'haian' && x.indicator === 'tax');
    expect(haianTax).toMatchObject({ doubleCredit: 0, splitCredit: 166 + 500 });
    const cityTax = t.body.city.find((c: any) => c.indicator === 'tax');
    expect(cityTax).toMatchObject({ projectValue: 1334, splitValue: 1334, doubleValue: 0, boardCreditSum: 1334 });
    const citySigned = t.body.city.find((c: any) => c.indicator === 'signed_amount');
    expect(citySigned).toMatchObject({ projectValue: 700_000_000, doubleValue: 700_000_000, boardCreditSum: 1_400_000_000 });

    // Exports: same filters as the list, Chinese headers, one row per record.
    const listed = await p.call('GET', '/api/sharing-records?board=haian&pageSize=200', undefined, { as: 'manager' });
    expect(listed.body.total).toBe(3);
    const paged = await p.call('GET', '/api/sharing-records?board=haian&pageSize=2&page=2', undefined, { as: 'manager' });
    expect(paged.body).toMatchObject({ total: 3, page: 2, pageSize: 2, pageCount: 2 });
    expect(paged.body.items).toHaveLength(1);
    const effectiveOnly = await p.call('GET', '/api/sharing-records?board=haian&status=effective', undefined, { as: 'manager' });
    expect(effectiveOnly.body.total).toBe(2);
    const csv = await p.call('GET', '/api/sharing-records/export.csv?board=haian', undefined, { as: 'manager' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = String(csv.body).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(1 + 3);
    expect(lines[0]).toContain('线索编号');
    expect(lines[0]).toContain('来源板块');
    expect(lines[0]).toContain('签约额考核方式');
    // Read as people read it: lead codes and display names, no record UUIDs or account names.
    const cells = parse(String(csv.body).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    for (const c of cells) expect([c['线索编号'], c['线索提交人']]).toEqual([expect.stringMatching(/^XS\d+$/), expect.not.stringMatching(/^(promoter|operator)-/)]);
    expect(String(csv.body)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);

    const res = await p.fetch('/api/sharing-records/export.xlsx?board=haian', { as: 'manager' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.worksheets[0]!;
    expect(sheet.name).toBe('利益共享记录');
    expect(sheet.rowCount).toBe(1 + 3);
    const headers = (sheet.getRow(1).values as unknown[]).filter(Boolean);
    expect(headers).toEqual(expect.arrayContaining(['线索编号', '项目名称', '来源板块', '承接园区', '状态']));
    expect(String(sheet.getRow(2).getCell(1).value)).toMatch(/^XS\d+$/);

    // The revenue share schedule: N years (policy: 5), from the first tax period.
    const d = (await p.call('GET', `/api/sharing-records/${a.recordId}?revenue=1000000,2000000`, undefined, { as: 'manager' })).body;
    expect(d.schedule.years).toHaveLength(5);
    expect(d.schedule).toMatchObject({ status: 'scheduled', startEvent: 'first_tax', startOn: '2030-01-01' });
    expect(d.schedule.years[0]).toMatchObject({ yearIndex: 1, from: '2030-01-01', to: '2030-12-31', originBp: 3000, revenue: 1_000_000, originAmount: 300_000, receiverAmount: 700_000 });
    expect(d.schedule.years[4]).toMatchObject({ yearIndex: 5, from: '2034-01-01', to: '2034-12-31', revenue: null });
    expect(d.values.map((v: any) => v.indicator).sort()).toEqual(['output_value', 'signed_amount', 'tax']);
    const p2 = (await p.call('GET', `/api/sharing-records/${pending.recordId}`, undefined, { as: 'manager' })).body;
    expect(p2.schedule.years).toHaveLength(5);
  });
});

describe('benefit-sharing ledger on the embedded database (PGlite)', () => {
  const p = platformForSuite({ db: 'pglite' });

  it('proposes on a cross-board acceptance, is confirmed, approved and made effective by 签约; the loser of a race gets 409', async () => {
    const a = await acceptLead(p, 'sic', 'jiafang');
    expect(a.recordId).toBeTruthy();
    await confirmBoth(p, a);
    const other = { headers: await secondManager(p) };
    const results = await Promise.all([
      p.call('POST', `/api/sharing-records/${a.recordId}/approve`, {}, { as: 'manager' }),
      p.call('POST', `/api/sharing-records/${a.recordId}/reject`, { comment: '再议' }, other),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const d = (await p.call('GET', `/api/sharing-records/${a.recordId}`, undefined, { as: 'manager' })).body;
    if (d.record.status === 'rejected') {
      // Edited after rejection it goes round again.
      const back = await p.call('POST', `/api/sharing-records/${a.recordId}/terms`, { defaults: true }, { as: 'promoter:jiafang' });
      expect(back.status).toBe(400); // same terms as before: nothing to change
    } else {
      await sign(p, a);
      const after = (await p.call('GET', `/api/sharing-records/${a.recordId}`, undefined, { as: 'manager' })).body;
      expect(after.record.status).toBe('effective');
      expect(after.history.map((h: any) => h.revision)).toEqual([1, 2, 3, 4, 5]);
    }
  });
});
