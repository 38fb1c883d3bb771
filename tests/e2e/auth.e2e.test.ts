import { createHash } from 'node:crypto';
import { lead } from '../support/leads.js';
import { api, platformForSuite, signIn } from '../support/platform.js';
import { DATABASE_KINDS } from '../support/databases.js';

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

describe.each(DATABASE_KINDS)('sign-in, tokens, data boundaries and the audit log (%s)', (db) => {
  const p = platformForSuite({ db });

  it('signs in with a password, answers who is signed in, and signs out by revoking the token', async () => {
    const r = await api(p.url, 'POST', '/api/auth/login', { username: 'promoter-haian', password: 'parkmatch-demo' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ token: expect.any(String), expiresAt: expect.any(String), user: { id: expect.any(String), username: 'promoter-haian', name: '海安市招商专员', role: 'promoter', boardId: 'haian' } });
    const hours = (new Date(r.body.expiresAt).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(7.9);
    expect(hours).toBeLessThanOrEqual(8);
    const me = await api(p.url, 'GET', '/api/auth/me', undefined, bearer(r.body.token));
    expect(me.body).toEqual(r.body.user);
    const op = await api(p.url, 'POST', '/api/auth/login', { username: 'operator-rudong-dz', password: 'parkmatch-demo' });
    expect(op.body.user).toMatchObject({ role: 'park_operator', parkId: 'rudong-dz' });
    expect(op.body.user.boardId).toBeUndefined();

    expect((await api(p.url, 'POST', '/api/auth/logout', undefined, bearer(r.body.token))).status).toBe(200);
    const after = await api(p.url, 'GET', '/api/auth/me', undefined, bearer(r.body.token));
    expect(after.status).toBe(401);
    expect(after.body.message).toContain('重新登录');
  });

  it('wrong password and unknown user get the same 401 in Chinese; no token, a tampered or an expired token get 401', async () => {
    const wrong = await api(p.url, 'POST', '/api/auth/login', { username: 'manager', password: 'guess' });
    const unknown = await api(p.url, 'POST', '/api/auth/login', { username: 'nobody', password: 'guess' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
    expect(wrong.body.message).toMatch(/用户名或密码错误/);
    expect((await api(p.url, 'POST', '/api/auth/login', { username: 'manager' })).status).toBe(400);

    const none = await api(p.url, 'GET', '/api/leads');
    expect(none.status).toBe(401);
    expect(none.body.message).toContain('Authorization');
    const token = await signIn(p.url, 'manager');
    expect((await api(p.url, 'GET', '/api/leads', undefined, bearer(token.slice(0, -1) + (token.endsWith('x') ? 'y' : 'x')))).status).toBe(401);
    await p.database.db.updateTable('auth_tokens').set({ expires_at: new Date(Date.now() - 1) }).where('token_hash', '=', createHash('sha256').update(token).digest('hex')).execute();
    const expired = await api(p.url, 'GET', '/api/leads', undefined, bearer(token));
    expect(expired.status).toBe(401);
    expect(expired.body.message).toContain('登录已过期');
    // Only hashes are stored.
    const stored = await p.database.db.selectFrom('auth_tokens').select('token_hash').execute();
    expect(stored.some((s) => s.token_hash === token)).toBe(false);
  });

  it('sign-in is rate-limited per IP and user name: the 11th attempt in a minute is a 429 in Chinese', async () => {
    const tries = [];
    for (let i = 0; i < 11; i++) tries.push(await api(p.url, 'POST', '/api/auth/login', { username: 'operator-gangzha-dz', password: 'wrong-' + i }));
    expect(tries.slice(0, 10).every((t) => t.status === 401)).toBe(true);
    expect(tries[10]!.status).toBe(429);
    expect(tries[10]!.body.message).toMatch(/登录尝试过于频繁，请 \d+ 秒后再试/);
    expect(Number(tries[10]!.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even the right password waits; another user name is not affected.
    expect((await api(p.url, 'POST', '/api/auth/login', { username: 'operator-gangzha-dz', password: 'parkmatch-demo' })).status).toBe(429);
    expect((await api(p.url, 'POST', '/api/auth/login', { username: 'operator-rugao-dz', password: 'parkmatch-demo' })).status).toBe(200);
  });

  it('API tokens: created by a manager or admin, shown once, listed without the secret, revoked at once', async () => {
    const created = await p.call('POST', '/api/auth/api-tokens', { name: '市级平台对接' }, { as: 'manager' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^pm_a_/);
    expect((await api(p.url, 'GET', '/api/review/no-fit', undefined, bearer(created.body.token))).status).toBe(200);
    const list = await p.call('GET', '/api/auth/api-tokens', undefined, { as: 'manager' });
    expect(list.body.items.find((t: any) => t.id === created.body.id)).toMatchObject({ name: '市级平台对接', username: 'manager', active: true });
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);

    const forPromoter = await p.call('POST', '/api/auth/api-tokens', { name: '海安系统', username: 'promoter-haian' }, { as: 'admin' });
    expect(forPromoter.body.user).toMatchObject({ username: 'promoter-haian', boardId: 'haian' });
    expect((await api(p.url, 'GET', '/api/review/no-fit', undefined, bearer(forPromoter.body.token))).status).toBe(403);
    expect((await p.call('POST', '/api/auth/api-tokens', { name: 'x', username: 'promoter-haian' }, { as: 'manager' })).status).toBe(403);
    expect((await p.call('POST', '/api/auth/api-tokens', { name: 'x' }, { as: 'promoter:haian' })).status).toBe(403);

    expect((await p.call('DELETE', `/api/auth/api-tokens/${created.body.id}`, undefined, { as: 'manager' })).status).toBe(200);
    const revoked = await api(p.url, 'GET', '/api/review/no-fit', undefined, bearer(created.body.token));
    expect(revoked.status).toBe(401);
    expect(revoked.body.message).toContain('吊销');
  });

  it('identity replaces body fields: a promoter submits for its own board as itself, never for another', async () => {
    const other = await p.call('POST', '/api/leads', lead('sic', 'rugao'), { as: 'promoter:haian' });
    expect(other.status).toBe(403);
    expect(other.body.message).toContain('本板块');
    const { originBoard: _, submitter: __, ...bare } = lead('sic', 'haian');
    const mine = await p.call('POST', '/api/leads', bare, { as: 'promoter:haian' });
    expect(mine.status).toBe(201);
    const d = (await p.call('GET', `/api/leads/${mine.body.id}`, undefined, { as: 'promoter:haian' })).body;
    expect(d).toMatchObject({ originBoard: 'haian', submitter: 'promoter-haian' });
    expect((await p.call('POST', '/api/leads', lead('sic', 'haian'), { as: 'operator:haian-dz' })).status).toBe(403);
  });

  it('contacts are seen only by the origin board, the accepting park and the city; every such view is audited', async () => {
    const created = await p.call('POST', '/api/leads', lead('sic', 'jiafang', { description: '碳化硅外延片与功率模块封装项目，建设车规级SiC MOSFET产线。' }), { as: 'promoter:jiafang' });
    await p.drain();
    const full = (await p.call('GET', `/api/leads/${created.body.id}`, undefined, { as: 'promoter:jiafang' })).body;
    expect(full.contacts).toEqual([{ name: '张经理', phone: '13800000000' }]);
    const offer = full.offers[0];
    const receiving = offer.board as string;

    // before acceptance: the park and its board see the project without the company or contacts
    const parkView = (await p.call('GET', `/api/leads/${created.body.id}`, undefined, { as: `operator:${offer.parkId}` })).body;
    expect(parkView).toMatchObject({ view: 'deidentified', company: null, creditCode: null, submitter: null, contacts: null });
    const boardView = (await p.call('GET', `/api/leads/${created.body.id}`, undefined, { as: `promoter:${receiving}` })).body;
    expect(boardView).toMatchObject({ view: 'deidentified', company: null, contacts: null });
    const boardList = (await p.call('GET', '/api/leads?pageSize=200', undefined, { as: `promoter:${receiving}` })).body;
    expect(boardList.items.find((l: any) => l.id === created.body.id)).toMatchObject({ company: null, submitter: null });

    expect((await p.call('POST', `/api/parks/${offer.parkId}/offers/${offer.id}/accept`, undefined, { as: `operator:${offer.parkId}` })).status).toBe(200);
    const accepted = (await p.call('GET', `/api/leads/${created.body.id}`, undefined, { as: `operator:${offer.parkId}` })).body;
    expect(accepted.contacts).toEqual([{ name: '张经理', phone: '13800000000' }]);
    const named = (await p.call('GET', `/api/leads/${created.body.id}`, undefined, { as: `promoter:${receiving}` })).body;
    expect(named).toMatchObject({ view: 'named', company: '江苏芯能碳化硅科技有限公司', contacts: null });
    const inbox = (await p.call('GET', `/api/parks/${offer.parkId}/offers?status=accepted`, undefined, { as: `operator:${offer.parkId}` })).body;
    expect(inbox.items.find((i: any) => i.leadId === created.body.id).contacts).toHaveLength(1);

    const audit = await p.call('GET', `/api/audit?targetId=${created.body.id}&action=view-personal-data&pageSize=50`, undefined, { as: 'manager' });
    expect(audit.status).toBe(200);
    const who = audit.body.items.map((e: any) => e.username);
    expect(who).toEqual(expect.arrayContaining(['promoter-jiafang', `operator-${offer.parkId}`]));
    expect(who).not.toContain(`promoter-${receiving}`);
    expect(audit.body.items[0]).toMatchObject({ action: 'view-personal-data', targetKind: 'lead', at: expect.any(String), method: 'GET' });
    const changes = await p.call('GET', `/api/audit?action=${encodeURIComponent('POST /api/parks/:parkId/offers/:offerId/accept')}`, undefined, { as: 'manager' });
    expect(changes.body.items.some((e: any) => e.username === `operator-${offer.parkId}` && e.targetId === offer.id && e.status === 200)).toBe(true);
    const logins = await p.call('GET', '/api/audit?action=auth.login-failed', undefined, { as: 'admin' });
    expect(logins.body.total).toBeGreaterThan(0);
    expect((await p.call('GET', '/api/audit', undefined, { as: 'promoter:jiafang' })).status).toBe(403);
  });
});
