import { lead } from '../support/leads.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { api, platformForSuite, signIn } from '../support/platform.js';

/**
 * The routes the console's desks use, each as its user would check it: the promoter's live preview and code
 * tables, the manager's dashboard, overdue list, inbox, rescoring and the yearly park revision, and the
 * admin's accounts.
 */
describe.each(DATABASE_KINDS)('console desks over HTTP (%s)', (db) => {
  const p = platformForSuite({ db });
  let sicLead: { id: string; code: string };
  beforeAll(async () => {
    const sic = await p.call('POST', '/api/leads', lead('sic', 'jiafang'), { as: 'promoter:jiafang' });
    const bakery = await p.call('POST', '/api/leads', lead('bakery', 'haian'), { as: 'promoter:haian' });
    expect([sic.status, bakery.status]).toEqual([201, 201]);
    sicLead = sic.body;
    await p.drain();
  });

  it('promoter: the live preview ranks the 20 parks with reasons and saves nothing; the code tables are in Chinese', async () => {
    const before = (await p.call('GET', '/api/leads', undefined, { as: 'manager' })).body.total;
    const r = await p.call('POST', '/api/match/preview', { description: '碳化硅功率器件及外延片项目，建设6英寸SiC晶圆产线' }, { as: 'promoter:haian' });
    expect(r.status).toBe(200);
    expect(r.body.ranking).toHaveLength(20);
    expect(['南通高新区', '如东开发区', '苏锡通科技产业园区']).toContain(r.body.ranking[0].park);
    expect(r.body.ranking[0].reasons.length).toBeGreaterThan(0);
    expect(r.body.offerParks.length).toBeGreaterThan(0);
    expect((await p.call('GET', '/api/leads', undefined, { as: 'manager' })).body.total).toBe(before);

    const meta = await p.call('GET', '/api/meta', undefined, { as: 'promoter:haian' });
    expect(meta.status).toBe(200);
    expect(meta.body.stages).toEqual(expect.arrayContaining(['洽谈', '签约', '开工', '投产']));
    expect(meta.body.leadStatuses).toContainEqual({ code: 'review', label: '待研判' });
    expect(meta.body.declineReasons.every((d: { label: string }) => /[\u4e00-\u9fff]/.test(d.label))).toBe(true);
  });

  it('manager: the dashboard counts the submitted leads by board and through the funnel', async () => {
    const r = await p.call('GET', '/api/stats/overview', undefined, { as: 'manager' });
    expect(r.status).toBe(200);
    const byBoard = Object.fromEntries(r.body.leadsByBoard.map((b: { boardId: string; leads: number }) => [b.boardId, b.leads]));
    expect(byBoard).toMatchObject({ jiafang: 1, haian: 1 });
    expect(r.body.funnel[0]).toEqual({ step: '线索', count: 2 });
    expect(r.body.parks).toHaveLength(20);
    expect(r.body.definitions.acceptanceRate).toContain('接收率');
  });

  it('an offer past its answer deadline is listed as overdue for its park, with the lead code', async () => {
    const d = (await p.call('GET', `/api/leads/${sicLead.id}`, undefined, { as: 'manager' })).body;
    const offer = d.offers[0];
    expect((await p.call('GET', '/api/offers/overdue', undefined, { as: `operator:${offer.parkId}` })).body.items).toEqual([]);
    await p.database.db.updateTable('offers').set({ respond_by: new Date(Date.now() - 3_600_000) }).where('id', '=', offer.id).execute();
    const r = await p.call('GET', '/api/offers/overdue', undefined, { as: `operator:${offer.parkId}` });
    expect(r.status).toBe(200);
    expect(r.body.items.map((o: { lead_code: string; park_id: string }) => [o.lead_code, o.park_id])).toEqual([[sicLead.code, offer.parkId]]);
    const city = await p.call('GET', `/api/offers/overdue?park=${offer.parkId}`, undefined, { as: 'manager' });
    expect(city.body.items.map((o: { id: string }) => o.id)).toEqual([offer.id]);
  });

  it("manager: a notice in the city inbox, once read, leaves the unread list", async () => {
    const q = '/api/notifications?recipientKind=manager&recipientId=city';
    const unread = (await p.call('GET', `${q}&unread=true`, undefined, { as: 'manager' })).body.items as { id: string; kind: string }[];
    const notice = unread.find((n) => n.kind === 'no-fit');
    expect(notice).toBeTruthy();
    const r = await p.call('POST', `/api/notifications/${notice!.id}/read`, { recipientKind: 'manager', recipientId: 'city' }, { as: 'manager' });
    expect(r.status).toBe(200);
    const after = (await p.call('GET', `${q}&unread=true`, undefined, { as: 'manager' })).body.items as { id: string }[];
    expect(after.map((n) => n.id)).not.toContain(notice!.id);
    expect(((await p.call('GET', q, undefined, { as: 'manager' })).body.items as { id: string }[]).map((n) => n.id)).toContain(notice!.id);
  });

  it('manager: a rescoring run goes over every open lead and reports its progress', async () => {
    const started = await p.call('POST', '/api/rescore', { reason: '园区画像年度调整后重算' }, { as: 'manager' });
    expect(started.status).toBe(202);
    await p.drain();
    const r = await p.call('GET', `/api/rescore/${started.body.runId}`, undefined, { as: 'manager' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ reason: '园区画像年度调整后重算', status: 'done' });
    expect(r.body.total).toBeGreaterThanOrEqual(1);
    expect(r.body.rescored).toBe(r.body.total);
  });

  it('manager: a park revision is previewed against the open leads, then saved as the next profile version', async () => {
    const park = (await api(p.url, 'GET', '/api/parks/haian-dz')).body;
    const directions = [...park.directions.map((d: { text: string }) => ({ text: d.text })), { text: '烘焙食品（中央工厂、冷链配送）' }];
    const preview = await p.call('POST', '/api/parks/haian-dz/revision-preview', { directions }, { as: 'manager' });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ parkId: 'haian-dz', currentVersion: 1, unchanged: false });
    expect(preview.body.openLeads).toBeGreaterThanOrEqual(2);
    expect(preview.body.proposed.seedText).toContain('烘焙食品');
    expect((await api(p.url, 'GET', '/api/parks/haian-dz')).body.versions).toHaveLength(1); // a preview saves nothing

    const saved = await p.call('POST', '/api/parks/haian-dz/versions', { directions, note: '2025 年度动态评估' }, { as: 'manager' });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ parkId: 'haian-dz', version: 2, added: true });
    const after = (await api(p.url, 'GET', '/api/parks/haian-dz')).body;
    expect(after.versions).toHaveLength(2);
    expect(after.seedText).toContain('烘焙食品');
    await p.drain();
  });

  it('admin: creates an account that can sign in, lists it, and disabling it ends its session', async () => {
    const created = await p.call('POST', '/api/users', { username: 'haian-wangmin', name: '海安市招商局-王敏', role: 'promoter', boardId: 'haian', password: 'a-long-password-1' }, { as: 'admin' });
    expect(created.status).toBe(201);
    const token = await signIn(p.url, 'haian-wangmin', 'a-long-password-1');
    const me = await api(p.url, 'GET', '/api/auth/me', undefined, { authorization: `Bearer ${token}` });
    expect(me.body).toMatchObject({ username: 'haian-wangmin', role: 'promoter' });
    const list = await p.call('GET', '/api/users?pageSize=200', undefined, { as: 'admin' });
    expect(list.status).toBe(200);
    const row = list.body.items.find((u: { username: string }) => u.username === 'haian-wangmin');
    expect(row).toMatchObject({ name: '海安市招商局-王敏', role: 'promoter' });

    const off = await p.call('PATCH', `/api/users/${row.id}`, { disabled: true }, { as: 'admin' });
    expect(off.status).toBe(200);
    expect((await api(p.url, 'GET', '/api/auth/me', undefined, { authorization: `Bearer ${token}` })).status).toBe(401);
    const again = await api(p.url, 'POST', '/api/auth/login', { username: 'haian-wangmin', password: 'a-long-password-1' });
    expect(again.status).toBe(401);
  });
});
