import { chinaMonth } from '#domain';
import { DATABASE_KINDS } from '../support/databases.js';
import { platformForSuite, type TestPlatform } from '../support/platform.js';

async function submit(p: TestPlatform, text: string) {
  const r = await p.call('POST', '/api/leads', { description: text, originBoard: 'jiafang', submitter: 'jiafang-招商专员' }, { as: 'promoter:jiafang' });
  expect(r.status).toBe(201);
  await p.drain();
  return (await p.call('GET', `/api/leads/${r.body.id}`, undefined, { as: 'manager' })).body;
}

describe.each(DATABASE_KINDS)('monthly precision report and 产业招商图谱 (%s)', (db) => {
  const p = platformForSuite({ db });

  it('counts this month’s offers per park: accepted, declined by reason, signed, and the share accepted', async () => {
    const a = await submit(p, '碳化硅功率器件及外延片项目，建设6英寸SiC晶圆产线。');
    const b = await submit(p, '氢燃料电池电堆与膜电极生产基地，年产燃料电池系统5000套。');
    const taker = a.offers[0].parkId as string;
    expect((await p.call('POST', `/api/parks/${taker}/offers/${a.offers[0].id}/accept`, undefined, { as: `operator:${taker}` })).status).toBe(200);
    expect((await p.call('POST', `/api/parks/${taker}/leads/${a.id}/stage`, { stage: '签约' }, { as: `operator:${taker}` })).status).toBe(200);
    const decliner = b.offers[0].parkId as string;
    expect((await p.call('POST', `/api/parks/${decliner}/offers/${b.offers[0].id}/decline`, { reason: 'no_space' }, { as: `operator:${decliner}` })).status).toBe(200);

    const month = chinaMonth(new Date());
    const r = await p.call('GET', `/api/reports/precision?month=${month}`, undefined, { as: 'manager' });
    expect(r.status).toBe(200);
    expect(r.body.month).toBe(month);
    expect(r.body.timeZone).toBe('Asia/Shanghai');
    const offers = a.offers.length + b.offers.length;
    expect(r.body.overall).toMatchObject({ offers, accepted: 1, declined: 1, signed: 1, withdrawn: a.offers.length - 1 });
    expect(r.body.overall.acceptedShare).toBeCloseTo(1 / offers, 3);
    expect(r.body.overall.declinedBy.find((x: any) => x.code === 'no_space')).toEqual({ code: 'no_space', label: '用地或载体空间不足', count: 1 });
    const t = r.body.parks.find((x: any) => x.parkId === taker);
    expect(t).toMatchObject({ accepted: 1, signed: 1 });
    expect(r.body.parks.find((x: any) => x.parkId === decliner).declinedBy.find((x: any) => x.code === 'no_space').count).toBe(1);
    expect(r.body.parks).toHaveLength(20);

    // the month picker: an earlier month has none of these offers; no month means the current one
    const earlier = await p.call('GET', '/api/reports/precision?month=2020-01', undefined, { as: 'manager' });
    expect(earlier.body.overall).toMatchObject({ offers: 0, accepted: 0, acceptedShare: null });
    expect((await p.call('GET', '/api/reports/precision', undefined, { as: 'manager' })).body.month).toBe(month);
  });

  it('refuses a malformed month with a Chinese message and keeps the report from park operators', async () => {
    const bad = await p.call('GET', '/api/reports/precision?month=2026-13', undefined, { as: 'manager' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.message).toContain('YYYY-MM');
    expect((await p.call('GET', '/api/reports/precision', undefined, { as: 'operator:nantong-hitech' })).status).toBe(403);
  });

  it('shows the chain map: parks covering each node, 补链 gaps, leads per node, search', async () => {
    const r = await p.call('GET', '/api/industry-map', undefined, { as: 'manager' });
    expect(r.status).toBe(200);
    const node = (label: string) => r.body.nodes.find((n: any) => n.label === label);
    const sic = node('第三代半导体');
    expect(sic.parks.map((x: any) => x.park).sort()).toEqual(['如东开发区', '南通高新区', '苏锡通科技产业园区'].sort());
    expect(sic.gap).toBe(false);
    expect(sic.leads).toBeGreaterThanOrEqual(1);
    expect(sic.upstream.length + sic.downstream.length + sic.related.length).toBeGreaterThan(0);
    // no park's direction is food: a 补链 gap; 港闸's 智能装备 is limited to its bracketed list, so plain 智能装备 is one too
    expect(node('食品饮料').gap).toBe(true);
    expect(node('食品饮料').parks).toEqual([]);
    expect(node('智能装备').gap).toBe(true);
    expect(r.body.summary.gaps).toBe(r.body.nodes.filter((n: any) => n.gap).length);
    expect(r.body.parks.find((x: any) => x.parkId === 'nantong-hitech').chainGaps.fromTaxonomy.length).toBeGreaterThan(0);

    const found = await p.call('GET', `/api/industry-map?q=${encodeURIComponent('碳化硅')}`, undefined, { as: 'manager' });
    expect(found.body.nodes.map((n: any) => n.label)).toContain('第三代半导体');
    expect(found.body.nodes.length).toBeLessThan(r.body.nodes.length);
    const gaps = await p.call('GET', '/api/industry-map?gaps=true', undefined, { as: 'manager' });
    expect(gaps.body.nodes.length).toBe(r.body.summary.gaps);
    expect(gaps.body.nodes.every((n: any) => n.gap)).toBe(true);
    const bad = await p.call('GET', '/api/industry-map?gaps=yes', undefined, { as: 'manager' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('true 或 false');
  });
});
