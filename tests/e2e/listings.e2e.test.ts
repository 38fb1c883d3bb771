import { lead, SAMPLE_LEADS } from '../support/leads.js';
import { platformForSuite } from '../support/platform.js';
import { DATABASE_KINDS } from '../support/databases.js';

/** Issue 14, steps 1–2: parks publish 应用场景, 基金 and 载体; leads and listings are matched both ways. */
const SCENARIO = {
  kind: 'scenario', title: '车规级功率模块验证场景', sectors: ['第三代半导体'], owner: '南通某新能源汽车整车厂（链主企业）',
  description: '整车厂开放电驱逆变器碳化硅功率模块上车验证，征集车规级 SiC MOSFET 与模块供应商。', pilotTerms: '提供 200 台测试车辆，验证通过后批量采购', deadline: '2030-12-31',
};
const FUND = {
  kind: 'fund', title: '如东第三代半导体产业基金', sectors: ['第三代半导体', '集成电路'], description: '重点投资碳化硅、氮化镓材料与功率器件企业。',
  stages: ['成长期'], sizeCny100m: 20, ticketMinWan: 2000, ticketMaxWan: 30000,
};
const BIG_PARCEL = { kind: 'carrier', title: '如东开发区 120 亩工业地块', carrierKind: '地块', description: '三通一平，紧邻 220kV 变电站。', area: { value: 120, unit: '亩' }, powerKva: 20000, price: '25 万元/亩', availability: 'available' };
const SMALL_PARCEL = { kind: 'carrier', title: '如东开发区 30 亩地块', carrierKind: '地块', description: '工业用地，可分期供地。', area: { value: 30, unit: '亩' }, powerKva: 20000, availability: 'available' };
const FACTORY = { kind: 'carrier', title: '高新区标准厂房 2 万平方米', carrierKind: '标准厂房', description: '单层厂房，层高 12 米。', area: { value: 20000, unit: '平方米' }, floorLoadKn: 30, availability: 'partial' };

describe.each(DATABASE_KINDS)('park listings: scenarios, funds and carriers matched with leads (%s)', (db) => {
  const p = platformForSuite({ db });
  const ids: Record<string, string> = {};

  it('a park operator publishes each kind; everyone signed in sees them city-wide', async () => {
    for (const [key, body, as] of [
      ['scenario', SCENARIO, 'operator:nantong-hitech'],
      ['fund', FUND, 'operator:rudong-dz'],
      ['big', BIG_PARCEL, 'operator:rudong-dz'],
      ['small', SMALL_PARCEL, 'operator:rudong-dz'],
      ['factory', FACTORY, 'operator:nantong-hitech'],
    ] as const) {
      const r = await p.call('POST', '/api/listings', body, { as });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ kind: body.kind, title: body.title, status: 'open', version: 1, parkId: as.split(':')[1] });
      ids[key] = r.body.id;
    }
    expect((await p.call('GET', `/api/listings/${ids.big}`, undefined, { as: 'manager' })).body.content).toMatchObject({ areaMu: 120, areaM2: 80000 });
    const seen = await p.call('GET', '/api/listings?kind=carrier', undefined, { as: 'promoter:haian' });
    expect(seen.status).toBe(200);
    expect(seen.body.items.map((x: any) => x.title).sort()).toEqual([BIG_PARCEL.title, SMALL_PARCEL.title, FACTORY.title].sort());
    const rudong = await p.call('GET', '/api/listings?park=rudong-dz&q=基金', undefined, { as: 'operator:haian-dz' });
    expect(rudong.body.items.map((x: any) => x.title)).toEqual([FUND.title]);
    const byBoard = await p.call('GET', '/api/listings?board=tongzhou&status=open', undefined, { as: 'manager' });
    expect(byBoard.body.total).toBe(2);
  });

  it('a revision is a new version and the history stays readable; an unchanged revision adds none', async () => {
    const r = await p.call('POST', `/api/listings/${ids.big}/revisions`, { ...BIG_PARCEL, area: { value: 80, unit: '亩' }, availability: 'partial', note: '已出让 40 亩' }, { as: 'operator:rudong-dz' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ version: 2, added: true, status: 'open', content: { areaMu: 80, availability: 'partial' } });
    expect(r.body.versions.map((v: any) => [v.version, v.content.areaMu, v.note])).toEqual([[2, 80, '已出让 40 亩'], [1, 120, null]]);
    const again = await p.call('POST', `/api/listings/${ids.big}/revisions`, { ...BIG_PARCEL, area: { value: 80, unit: '亩' }, availability: 'partial', note: '重复提交' }, { as: 'operator:rudong-dz' });
    expect(again.body).toMatchObject({ version: 2, added: false });
  });

  it('only the publishing park (or the city) revises; promoters do not publish; bad input gets a Chinese 4xx', async () => {
    const other = await p.call('POST', `/api/listings/${ids.fund}/revisions`, { ...FUND, title: '改名' }, { as: 'operator:nantong-hitech' });
    expect([other.status, other.body.code]).toEqual([403, 'WRONG_PARK']);
    expect(other.body.message).toContain('如东开发区');
    expect((await p.call('POST', '/api/listings', FUND, { as: 'promoter:haian' })).status).toBe(403);
    const noPark = await p.call('POST', '/api/listings', FUND, { as: 'manager' });
    expect(noPark.status).toBe(400);
    expect(noPark.body.message).toContain('发布园区');
    const cases: [unknown, string][] = [
      [{ ...SCENARIO, deadline: undefined, pilotTerms: undefined }, '缺少字段 deadline'],
      [{ ...SCENARIO, pilotTerms: undefined }, '预算（budgetWan，万元）或试点条件'],
      [{ ...SCENARIO, deadline: '2020-01-01' }, '截止日期 2020-01-01 已过'],
      [{ ...FUND, ticketMinWan: 50000 }, '下限不能高于上限'],
      [{ ...BIG_PARCEL, area: { value: 80, unit: '公顷' } }, '面积单位须为 平方米 或 亩'],
      [{ ...BIG_PARCEL, carrierKind: '写字楼' }, '载体类型须为 标准厂房 / 孵化器 / 实验室 / 地块'],
      [{ ...FUND, kind: 'loan' }, 'kind 须为 scenario'],
      [{ ...FUND, color: 'red' }, '不支持的字段：color'],
    ];
    for (const [body, message] of cases) {
      const r = await p.call('POST', '/api/listings', body, { as: 'operator:rudong-dz' });
      expect([r.status, r.body.message]).toEqual([400, expect.stringContaining(message)]);
    }
    const kind = await p.call('POST', `/api/listings/${ids.fund}/revisions`, { ...SCENARIO }, { as: 'operator:rudong-dz' });
    expect([kind.status, kind.body.code, kind.body.message]).toEqual([400, 'LISTING_FIXED_FIELD', expect.stringContaining('种类不能修改')]);
    const missing = await p.call('GET', '/api/listings/nowhere', undefined, { as: 'manager' });
    expect([missing.status, missing.body.code]).toEqual([404, 'LISTING_NOT_FOUND']);
    const late = await p.call('POST', '/api/listings', { ...SCENARIO, deadline: '2020-01-02' }, { as: 'operator:rudong-dz' });
    expect(late.body.code).toBe('LISTING_DEADLINE_PASSED');
    expect((await p.call('GET', '/api/listings?kind=loan', undefined, { as: 'manager' })).status).toBe(400);
  });

  it("a lead's page gets the scenarios, funds and carriers that fit it, with reasons; land and power are compared as numbers", async () => {
    const sic = await p.call('POST', '/api/leads', lead('sic', 'jiafang', { landMu: 80, description: '碳化硅功率器件及外延片项目，建设6英寸SiC晶圆产线，年产车规级功率模块100万只，用电负荷5000kVA。' }), { as: 'promoter:jiafang' });
    const bakery = await p.call('POST', '/api/leads', lead('bakery', 'haian'), { as: 'promoter:haian' });
    const room = await p.call('POST', '/api/leads', lead('textile', 'haian', { description: '高端床上用品与功能性家纺面料生产项目，租赁标准厂房1.5万平方米，引进智能织造设备。' }), { as: 'promoter:haian' });
    await p.drain();
    ids.sicLead = sic.body.id;

    const r = await p.call('GET', `/api/leads/${sic.body.id}/listings`, undefined, { as: 'promoter:jiafang' });
    expect(r.status).toBe(200);
    expect(r.body.needs).toEqual({ landMu: 80, powerKva: 5000 });
    expect(r.body.funds.map((x: any) => x.title)).toEqual([FUND.title]);
    expect(r.body.funds[0].reasons.join()).toMatch(/碳化硅|sic/i);
    expect(r.body.funds[0].reasons.join()).toContain('基金单笔投资 2000 万元至3 亿元');
    expect(r.body.scenarios.map((x: any) => x.title)).toEqual([SCENARIO.title]);
    // the 80 亩 parcel (revised from 120) meets 80 亩 and 5000 kVA; the 30 亩 parcel and the factory do not give land
    expect(r.body.carriers.map((x: any) => x.title)).toEqual([BIG_PARCEL.title]);
    expect(r.body.carriers[0].reasons).toEqual(expect.arrayContaining(['地块 80 亩，满足用地 80 亩', '供电 20000 kVA，满足用电 5000 kVA']));

    const b = await p.call('GET', `/api/leads/${bakery.body.id}/listings`, undefined, { as: 'promoter:haian' });
    expect(b.body).toMatchObject({ scenarios: [], funds: [], carriers: [] });
    const t = await p.call('GET', `/api/leads/${room.body.id}/listings`, undefined, { as: 'promoter:haian' });
    expect(t.body.needs).toEqual({ floorAreaM2: 15000 });
    expect(t.body.carriers.map((x: any) => x.title)).toEqual([FACTORY.title]);

    // the lead page's access rule holds: another board's promoter gets the same 404 as the lead itself
    expect((await p.call('GET', `/api/leads/${sic.body.id}/listings`, undefined, { as: 'promoter:haian' })).status).toBe(404);
  });

  it("a scenario's page lists the leads that fit it; a park sees other boards' leads de-identified", async () => {
    const r = await p.call('GET', `/api/listings/${ids.scenario}/leads`, undefined, { as: 'operator:nantong-hitech' });
    expect(r.status).toBe(200);
    expect(r.body.items.map((x: any) => x.lead.id)).toEqual([ids.sicLead]);
    const item = r.body.items[0];
    expect(item.lead).toMatchObject({ view: 'deidentified', company: null, creditCode: null, submitter: null });
    expect(JSON.stringify(item)).not.toContain(SAMPLE_LEADS.sic.company);
    expect(item.reasons.join()).toContain('应用场景所列方向“第三代半导体”');
    const own = await p.call('GET', `/api/listings/${ids.scenario}/leads`, undefined, { as: 'promoter:jiafang' });
    expect(own.body.items[0].lead).toMatchObject({ view: 'full', company: SAMPLE_LEADS.sic.company });
    const closed = await p.call('POST', `/api/listings/${ids.scenario}/revisions`, { ...SCENARIO, status: 'closed', note: '已选定供应商' }, { as: 'operator:nantong-hitech' });
    expect(closed.body).toMatchObject({ status: 'closed', version: 2 });
    expect((await p.call('GET', `/api/listings/${ids.scenario}/leads`, undefined, { as: 'manager' })).body.items).toEqual([]);
    expect((await p.call('GET', `/api/leads/${ids.sicLead}/listings`, undefined, { as: 'manager' })).body.scenarios).toEqual([]);
  });

  it("the manager's statistics per park: scenarios published and closed, funds and the leads they fit, carriers by occupancy", async () => {
    const r = await p.call('GET', '/api/stats/proactive', undefined, { as: 'manager' });
    expect(r.status).toBe(200);
    const park = (id: string) => r.body.items.find((x: any) => x.parkId === id);
    expect(park('nantong-hitech')).toMatchObject({ scenarios: { published: 1, answered: 0, open: 0, closed: 1 }, carriers: { available: 0, partial: 1, occupied: 0 } });
    expect(park('rudong-dz')).toMatchObject({ funds: { open: 1, fittingLeads: 1 }, carriers: { available: 1, partial: 1, occupied: 0 }, prospects: { total: 0 } });
    expect(park('haian-dz')).toMatchObject({ scenarios: { published: 0 }, funds: { open: 0, fittingLeads: 0 } });
    expect(r.body.definitions.carriers).toContain('可租售');
    expect((await p.call('GET', '/api/stats/proactive', undefined, { as: 'promoter:haian' })).status).toBe(403);
  });
});
