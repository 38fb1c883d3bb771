import { DATABASE_KINDS } from '../support/databases.js';
import { lead } from '../support/leads.js';
import { platformForSuite, type TestPlatform } from '../support/platform.js';

let seq = 0;

async function submitted(p: TestPlatform, kind: 'sic' | 'bakery', board: string) {
  seq++;
  const extra = kind === 'sic'
    ? { company: `南通晶合功率半导体第${seq}有限公司`, description: `碳化硅功率器件封装测试项目（第${seq}期），年产车规级SiC功率模块50万只。` }
    : { description: `连锁烘焙食品中央工厂（第${seq}期），生产面包、蛋糕并配送门店，配套冷链物流中心。` };
  const created = await p.call('POST', '/api/leads', lead(kind, board, extra), { as: `promoter:${board}` });
  expect(created.status).toBe(201);
  await p.drain();
  return (await p.call('GET', `/api/leads/${created.body.id}`, undefined, { as: 'manager' })).body;
}

async function stage(p: TestPlatform, parkId: string, leadId: string, to: string) {
  return p.call('POST', `/api/parks/${parkId}/leads/${leadId}/stage`, { stage: to }, { as: `operator:${parkId}` });
}

describe.each(DATABASE_KINDS)('a project lifecycle that never loses credit, on %s', (db) => {
  const p = platformForSuite({ db });

  it('暂停 resumes only to the stage it paused from, and the path through 签约 signs the sharing record', async () => {
    const d = await submitted(p, 'sic', 'jiafang');
    const offer = d.offers[0];
    const accepted = await p.call('POST', `/api/parks/${offer.parkId}/offers/${offer.id}/accept`, undefined, { as: `operator:${offer.parkId}` });
    expect(accepted.status).toBe(200);
    const recordId = accepted.body.sharingRecordId;
    expect(recordId).toBeTruthy();

    expect((await stage(p, offer.parkId, d.id, '暂停')).status).toBe(200);
    // 洽谈 → 暂停 → 开工 would skip 签约: the record would never take effect.
    const skip = await stage(p, offer.parkId, d.id, '开工');
    expect(skip.status).toBe(409);
    expect(skip.body.message).toContain('只能恢复到暂停前的「洽谈」');
    const inbox = await p.call('GET', `/api/parks/${offer.parkId}/offers?status=accepted`, undefined, { as: `operator:${offer.parkId}` });
    expect(inbox.body.items.find((i: any) => i.leadId === d.id).nextStages).toEqual(['洽谈', '终止']);

    expect((await stage(p, offer.parkId, d.id, '洽谈')).status).toBe(200);
    expect((await stage(p, offer.parkId, d.id, '签约')).status).toBe(200);
    const record = (await p.call('GET', `/api/sharing-records/${recordId}`, undefined, { as: 'manager' })).body.record;
    expect(record.signedOn).toBeTruthy();

    // Not yet confirmed and approved: the totals leave it out and say what it waits for.
    const year = new Date().getFullYear();
    const totals = (await p.call('GET', `/api/sharing-records/totals?from=${year}-01-01&to=${year}-12-31`, undefined, { as: 'manager' })).body;
    const left = totals.excluded.find((e: any) => e.recordId === recordId);
    expect(left).toMatchObject({ reason: 'not_effective', status: 'proposed' });
    expect(left.message).toContain('仍待双方板块确认');
  });
});

describe.each(DATABASE_KINDS)("the manager's 待研判 desk on %s", (db) => {
  const p = platformForSuite({ db });

  it('sends a no-fit lead to chosen parks: offers with both clocks, a notice, and the manager in its history', async () => {
    const d = await submitted(p, 'bakery', 'haian');
    expect(d.status).toBe('review');
    const list = await p.call('GET', '/api/review/no-fit?pageSize=100', undefined, { as: 'manager' });
    expect(list.body.items.map((i: any) => i.id)).toContain(d.id);

    const park = 'haian-gx';
    expect(d.ranking.results.map((r: any) => r.parkId)).toContain(park);
    const sent = await p.call('POST', `/api/review/leads/${d.id}/send`, { parkIds: [park], note: '电话沟通后转推' }, { as: 'manager' });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'shared', offers: 1 });

    const inbox = await p.call('GET', `/api/parks/${park}/offers?status=open`, undefined, { as: `operator:${park}` });
    const item = inbox.body.items.find((i: any) => i.leadId === d.id);
    expect(new Date(item.respondBy).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    expect(new Date(item.assessBy).getTime()).toBeGreaterThan(Date.now() + 71 * 3600_000);
    const notes = await p.call('GET', `/api/notifications?recipientKind=park&recipientId=${park}`, undefined, { as: `operator:${park}` });
    expect(notes.body.items.some((n: any) => (n.lead_id ?? n.leadId) === d.id && n.kind === 'offer')).toBe(true);

    const after = (await p.call('GET', `/api/leads/${d.id}`, undefined, { as: 'manager' })).body;
    expect(after.history.find((e: any) => e.kind === 'sent-by-manager')).toMatchObject({ actor: expect.stringContaining('manager') });
    const again = await p.call('GET', '/api/review/no-fit?pageSize=100', undefined, { as: 'manager' });
    expect(again.body.items.map((i: any) => i.id)).not.toContain(d.id);
    // Handled once: sending it again is a conflict, not a second set of offers.
    expect((await p.call('POST', `/api/review/leads/${d.id}/send`, { parkIds: [park] }, { as: 'manager' })).status).toBe(409);
  });

  it('closes a no-fit lead with a reason: it leaves the list, its board is told, and wrong input is refused', async () => {
    const d = await submitted(p, 'bakery', 'rugao');
    expect((await p.call('POST', `/api/review/leads/${d.id}/close`, { reason: 'nonsense' }, { as: 'manager' })).status).toBe(400);
    expect((await p.call('POST', `/api/review/leads/${d.id}/send`, { parkIds: ['no-such-park'] }, { as: 'manager' })).status).toBe(400);
    expect((await p.call('POST', `/api/review/leads/${d.id}/close`, { reason: 'outside_city_direction' }, { as: 'promoter:rugao' })).status).toBe(403);

    const closed = await p.call('POST', `/api/review/leads/${d.id}/close`, { reason: 'outside_city_direction', note: '餐饮食品制造，不在科技招商范围' }, { as: 'manager' });
    expect(closed.status).toBe(200);
    const after = (await p.call('GET', `/api/leads/${d.id}`, undefined, { as: 'promoter:rugao' })).body;
    expect(after.status).toBe('closed');
    expect(after.history.find((e: any) => e.kind === 'closed-by-manager').data).toMatchObject({ reason: 'outside_city_direction', reasonLabel: '不符合本市产业导向' });
    const notes = await p.call('GET', '/api/notifications?recipientKind=board&recipientId=rugao', undefined, { as: 'promoter:rugao' });
    expect(notes.body.items.some((n: any) => n.kind === 'closed' && n.body.includes('不符合本市产业导向'))).toBe(true);
    const list = await p.call('GET', '/api/review/no-fit?pageSize=100', undefined, { as: 'manager' });
    expect(list.body.items.map((i: any) => i.id)).not.toContain(d.id);
    expect((await p.call('POST', `/api/review/leads/${d.id}/close`, { reason: 'other' }, { as: 'manager' })).status).toBe(409);
  });
});
