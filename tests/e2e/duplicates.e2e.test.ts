import { creditCodeCheckChar, orgCodeCheckChar } from '#intake';
import { DATABASE_KINDS } from '../support/databases.js';
import { lead } from '../support/leads.js';
import { platformForSuite } from '../support/platform.js';

/**
 * 项目撞车 that help (issue 16, observation 2): one row per pair, only cross-board pairs in the manager's
 * list, company-name variants matched, a lead matching another board's accepted project held for the
 * manager with the first report named, batch settlement, search and filters.
 */

let seed = 0;
/** A valid 统一社会信用代码 (both check characters computed), different each call. */
function creditCode(): string {
  const org = String(20000000 + Math.floor(Math.random() * 1e6) * 10 + (seed++ % 10)).slice(-8);
  const body = `91320600${org}${orgCodeCheckChar(org)}`;
  return body + creditCodeCheckChar(body);
}

/** Descriptions different enough (trigram similarity well below 0.7) that only the company links two leads. */
const TEXTS = [
  '建设年产两万吨锂电池正极材料磷酸铁锂生产线，配套研发中心。',
  '工业机器人精密减速器与伺服电机整机装配基地，服务汽车焊装。',
  '海上风电叶片模具与复合材料结构件制造，配套码头仓储。',
  '生物医药抗体药物中试平台与商业化灌装车间。',
  '船舶压载水处理设备和海工平台配套阀门的研发制造。',
  '数据中心液冷服务器机柜总装及运维服务中心。',
  '高端纺织面料数码印花与功能性整理的智能工厂。',
  '低空经济无人机整机研发、试飞测试与航电系统集成。',
  '化工新材料高性能聚烯烃弹性体的中试及量产装置。',
  '智能网联汽车线控底盘系统与域控制器生产。',
  '光伏组件边框铝型材挤压和表面阳极氧化处理。',
  '食品冷链中央厨房与预制菜加工配送基地。',
  '半导体湿电子化学品提纯及灌装项目。',
  '医用高值耗材心脏介入导管生产线。',
  '跨境电商保税仓与智慧物流分拨中心。',
  '氢能储运用高压IV型瓶的研制和检测。',
  '工业软件研发中心及数字孪生实训基地。',
  '环保水处理膜组件和成套装备制造。',
];
let text = 0;
const nextText = () => TEXTS[text++ % TEXTS.length]!;

describe.each(DATABASE_KINDS)('项目撞车 on %s', (db) => {
  const p = platformForSuite({ db });

  async function submit(board: string, fields: Record<string, unknown>): Promise<{ id: string; code: string }> {
    const res = await p.call('POST', '/api/leads', { description: nextText(), amount: { value: 2, unit: '亿元' }, ...fields, originBoard: board }, { as: `promoter:${board}` });
    expect(res.status).toBe(201);
    return res.body;
  }
  const asManager = (path: string) => p.call('GET', path, undefined, { as: 'manager' }).then((r) => r.body);
  const pairOf = (items: any[], a: string, b: string) => items.filter((d) => [d.lead_id, d.other_lead_id].sort().join() === [a, b].sort().join());

  it('a repeat inside one board is one pair, on that board\'s lead page and list filter, not in the manager\'s 撞车 list', async () => {
    // One import stores both rows in one statement (same created_at): each lead used to link the other as the earlier one.
    const code = creditCode();
    const csv = '\ufeff企业名称,统一社会信用代码,项目描述,投资额,投资额单位\n' +
      `南通澄川精密轴承有限公司,${code},风电主轴轴承锻件热处理车间,3,亿元\n` +
      `澄川精密轴承（海安）有限公司,${code},高铁轮对轴承保持架加工线扩建,3,亿元\n`;
    const form = new FormData();
    form.set('file', new Blob([csv]), 'leads.csv');
    const up = await p.call('POST', '/api/imports', form, { as: 'promoter:haian' });
    expect(up.status).toBe(202);
    // The file is read off the request (a worker thread): wait until its leads are stored and scored, as the import page does.
    for (let i = 0; i < 300 && ['running', 'scoring'].includes((await p.call('GET', `/api/imports/${up.body.id}`, undefined, { as: 'promoter:haian' })).body.status); i++) await new Promise((r) => setTimeout(r, 100));
    await p.drain();
    const mine = await p.call('GET', '/api/leads?q=澄川&repeat=same-board', undefined, { as: 'promoter:haian' });
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBe(2);
    const [x, y] = mine.body.items;
    for (const l of [x, y]) {
      const d = (await p.call('GET', `/api/leads/${l.id}`, undefined, { as: 'promoter:haian' })).body;
      expect(d.duplicates).toEqual([expect.objectContaining({ reason: 'credit_code', crossBoard: false, otherLeadId: l.id === x.id ? y.id : x.id })]);
    }
    expect((await asManager('/api/duplicates?q=澄川')).total).toBe(0);
    // Without the filter the board sees them too; another board's list filter does not show them.
    expect((await p.call('GET', '/api/leads?q=澄川&repeat=same-board', undefined, { as: 'promoter:rugao' })).body.total).toBe(0);
  });

  it('name variants of one company from two boards are one 撞车; look-alike names of different companies are none', async () => {
    const a = await submit('haian', { company: '测名微电子（南通）有限公司' });
    const b = await submit('rudong', { company: '江苏测名微电子科技有限公司' });
    const c = await submit('haian', { company: '南通海达精密机械有限公司' });
    const d = await submit('rugao', { company: '南通海大精密机械有限公司' });
    await p.drain();
    const variants = await asManager('/api/duplicates?q=测名');
    expect(pairOf(variants.items, a.id, b.id)).toEqual([expect.objectContaining({ reason: 'company_name', similarity: 1, status: 'flagged', first_report_lead_id: a.id })]);
    expect(variants.total).toBe(1);
    const lookalike = await asManager('/api/duplicates?q=精密机械');
    expect(pairOf(lookalike.items, c.id, d.id)).toEqual([]);
    expect((await asManager(`/api/leads/${d.id}`)).duplicates).toEqual([]);
  });

  it('the same project re-reported by another board in other words is one 撞车 by description; an unrelated project of its sector is none', async () => {
    const text = '建设年产两万吨钠离子电池正极材料层状氧化物生产线，配套中试线和研发中心，一期用地120亩。';
    const a = await submit('tongzhou', { ...lead('sic', 'tongzhou'), company: '南通述文储能科技有限公司', description: text });
    await p.drain();
    const b = await submit('haimen', { ...lead('sic', 'haimen'), company: '海门汉川新能源有限公司', description: `项目情况：${text.replace(/，/g, '；')}（第二批）` });
    const c = await submit('rugao', { ...lead('sic', 'rugao'), company: '如皋衡度材料有限公司', description: '新建钠离子电池负极硬碳材料产线，配套检测实验室。' });
    await p.drain();
    const [pair] = pairOf((await asManager(`/api/duplicates?q=${b.code}`)).items, a.id, b.id);
    expect(pair).toMatchObject({ reason: 'description', status: 'flagged', first_report_lead_id: a.id, cross_board: true });
    expect(pair.similarity).toBeGreaterThanOrEqual(0.7);
    expect((await asManager(`/api/leads/${c.id}`)).duplicates).toEqual([]);
  });

  it('a lead naming a company another board\'s park already took is held with the first report named; confirming keeps 首报 with the sharing record', async () => {
    const code = creditCode();
    const first = await submit('jiafang', { ...lead('sic', 'jiafang'), company: '南通启辰碳化硅半导体有限公司', creditCode: code });
    await p.drain();
    const offered = (await asManager(`/api/leads/${first.id}`)).offers;
    expect(offered.length).toBeGreaterThan(0);
    const accepted = await p.call('POST', `/api/parks/${offered[0].parkId}/offers/${offered[0].id}/accept`, undefined, { as: `operator:${offered[0].parkId}` });
    expect(accepted.status).toBe(200);
    expect(accepted.body.sharingRecordId).toEqual(expect.any(String));

    const later = await submit('haian', { ...lead('sic', 'haian'), description: '6英寸碳化硅外延与车规级功率模块项目，拟新建厂房。', company: '启辰碳化硅（海安）有限公司', creditCode: code });
    await p.drain();
    const held = await asManager(`/api/leads/${later.id}`);
    expect(held).toMatchObject({ status: 'review', reviewReason: 'duplicate' });
    expect(held.offers).toEqual([]);
    expect(held.history.map((e: any) => e.kind)).toContain('duplicate-held');
    const boardNotices = await p.call('GET', '/api/notifications?recipientKind=board&recipientId=haian', undefined, { as: 'promoter:haian' });
    expect(boardNotices.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'duplicate-held', body: expect.stringContaining(first.code) })]));
    const managerNotice = (await asManager('/api/notifications?recipientKind=manager&recipientId=city&pageSize=200')).items.find((n: any) => n.kind === 'duplicate-held' && n.lead_id === later.id);
    expect(managerNotice.body).toContain(first.code);
    expect(managerNotice.body).toContain('洽谈');

    const list = await asManager(`/api/duplicates?q=${later.code}`);
    const [pair] = pairOf(list.items, first.id, later.id);
    expect(pair).toMatchObject({ reason: 'credit_code', held: true, first_report_lead_id: first.id });

    const settled = await p.call('POST', `/api/duplicates/${pair.id}/settle`, { status: 'confirmed', firstReportLeadId: first.id, comment: '同一企业，家纺园区先报先接' }, { as: 'manager' });
    expect(settled.status).toBe(200);
    const closed = await asManager(`/api/leads/${later.id}`);
    expect(closed).toMatchObject({ status: 'closed', reviewReason: null });
    const record = await asManager(`/api/sharing-records/${accepted.body.sharingRecordId}`);
    expect(record.record.originBoardId).toBe('jiafang');
    expect(record.firstReports).toEqual([expect.objectContaining({ firstReportLeadId: first.id, firstReportCode: first.code, firstReportBoard: 'jiafang', agreesWithOrigin: true })]);

    // Not the same project after all: a third board's report of that code is released to the usual sharing.
    const third = await submit('rugao', { ...lead('sic', 'rugao'), description: '碳化硅衬底切磨抛加工线，配套检测实验室。', company: '启辰碳化硅（如皋）有限公司', creditCode: code });
    await p.drain();
    expect((await asManager(`/api/leads/${third.id}`)).status).toBe('review');
    const [pair3] = pairOf((await asManager(`/api/duplicates?q=${third.code}`)).items, first.id, third.id);
    expect((await p.call('POST', `/api/duplicates/${pair3.id}/settle`, { status: 'dismissed', comment: '信用代码录入错误，实为另一企业' }, { as: 'manager' })).status).toBe(200);
    await p.drain();
    const released = await asManager(`/api/leads/${third.id}`);
    expect(released.status).toBe('shared');
    expect(released.offers.length).toBeGreaterThan(0);
    expect(released.history.map((e: any) => e.kind)).toContain('duplicate-released');
  });

  it('an offer made before the other board\'s report was taken cannot be accepted while the 撞车 is unsettled', async () => {
    const code = creditCode();
    const a = await submit('jiafang', { ...lead('sic', 'jiafang'), description: '碳化硅功率芯片封装测试线与可靠性实验室。', company: '南通望潮半导体有限公司', creditCode: code });
    const b = await submit('haian', { ...lead('sic', 'haian'), description: 'SiC MOSFET 模块封装及车规认证中心建设项目。', company: '望潮半导体（海安）有限公司', creditCode: code });
    await p.drain();
    const [oa] = (await asManager(`/api/leads/${a.id}`)).offers;
    const [ob] = (await asManager(`/api/leads/${b.id}`)).offers;
    expect(oa && ob).toBeTruthy();
    expect((await p.call('POST', `/api/parks/${oa.parkId}/offers/${oa.id}/accept`, undefined, { as: `operator:${oa.parkId}` })).status).toBe(200);
    const refused = await p.call('POST', `/api/parks/${ob.parkId}/offers/${ob.id}/accept`, undefined, { as: `operator:${ob.parkId}` });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('疑似撞车');
    expect(refused.body.message).toContain(a.code);
  });

  it('batch settle is one transaction: a 4xx lists every id that cannot be settled and nothing is saved; search and filters narrow the list', async () => {
    const pairs: { a: { id: string; code: string }; b: { id: string; code: string } }[] = [];
    for (const [i, boards] of [['haian', 'rudong'], ['rugao', 'rudong'], ['haimen', 'qidong']].entries()) {
      const code = creditCode();
      pairs.push({ a: await submit(boards[0]!, { company: `南通批裁${'甲乙丙'[i]}环保设备有限公司`, creditCode: code }), b: await submit(boards[1]!, { company: `批裁${'甲乙丙'[i]}环保设备（${boards[1]}）有限公司`, creditCode: code }) });
    }
    await p.drain();
    const all = await asManager('/api/duplicates?q=批裁&pageSize=50');
    expect(all.total).toBe(3);
    const ids = pairs.map((x) => pairOf(all.items, x.a.id, x.b.id)[0].id);

    // Search by a lead code, a company fragment, a credit code; filters by status, reason, board; pages.
    expect((await asManager(`/api/duplicates?q=${pairs[1]!.b.code}`)).items.map((d: any) => d.id)).toEqual([ids[1]]);
    expect((await asManager('/api/duplicates?q=批裁丙')).items.map((d: any) => d.id)).toEqual([ids[2]]);
    expect((await asManager('/api/duplicates?q=批裁&board=rudong')).total).toBe(2);
    expect((await asManager('/api/duplicates?q=批裁&reason=company_name')).total).toBe(0);
    expect((await asManager('/api/duplicates?q=批裁&reason=credit_code&status=flagged')).total).toBe(3);
    const page2 = await asManager('/api/duplicates?q=批裁&pageSize=2&page=2');
    expect(page2).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(page2.items).toHaveLength(1);
    const bad = await p.call('GET', '/api/duplicates?reason=similar', undefined, { as: 'manager' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('credit_code');

    expect((await p.call('POST', `/api/duplicates/${ids[0]}/settle`, { status: 'dismissed', comment: '不同项目' }, { as: 'manager' })).status).toBe(200);
    const refused = await p.call('POST', '/api/duplicates/settle', { ids: [ids[0], ids[1], 'no-such-id'], status: 'confirmed', comment: '批量确认' }, { as: 'manager' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain(ids[0]);
    expect(refused.body.message).toContain('no-such-id');
    expect(refused.body.message).not.toContain(ids[1]);
    expect((await asManager('/api/duplicates?q=批裁&status=flagged')).total).toBe(2); // nothing saved

    expect((await p.call('POST', '/api/duplicates/settle', { ids: [ids[1]], status: 'confirmed', comment: 'x' }, { as: 'promoter:haian' })).status).toBe(403);
    const empty = await p.call('POST', '/api/duplicates/settle', { ids: [], status: 'confirmed', comment: 'x' }, { as: 'manager' });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('至少');

    const ok = await p.call('POST', '/api/duplicates/settle', { ids: [ids[1], ids[2]], status: 'confirmed', comment: '同一企业，批量确认' }, { as: 'manager' });
    expect(ok.status).toBe(200);
    expect(ok.body.settled).toBe(2);
    expect((await asManager('/api/duplicates?q=批裁&status=confirmed')).items.map((d: any) => d.id).sort()).toEqual([ids[1], ids[2]].sort());
    const history = (await asManager(`/api/leads/${pairs[2]!.b.id}`)).history;
    expect(history).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'duplicate-settled', actor: expect.any(String) })]));
  });
});
