import { DATABASE_KINDS } from '../support/databases.js';
import { api, platformForSuite, signIn } from '../support/platform.js';

/** Staff accounts (issue 13): the system admin changes a user's role and board/park, resets a password, and cannot lock itself out. */
describe.each(DATABASE_KINDS)('staff accounts on %s', (db) => {
  const p = platformForSuite({ db });

  it('an admin moves a promoter to a park, and the account then works as that park', async () => {
    const made = await p.call('POST', '/api/users', { username: 'rugao-li', name: '李静', role: 'promoter', boardId: 'rugao', password: 'li-first-password' }, { as: 'admin' });
    expect(made.status).toBe(201);
    const parks = (await p.call('GET', '/api/parks')).body.items as { id: string; board: { id: string } }[];
    const park = parks.find((x) => x.board.id === 'rugao')!.id;
    const noPark = await p.call('PATCH', `/api/users/${made.body.id}`, { role: 'park_operator' }, { as: 'admin' });
    expect([noPark.status, noPark.body.code]).toEqual([400, 'VALIDATION_FAILED']); // still in a board: a park operator belongs to no board
    expect(noPark.body.message).toMatch(/园区|板块/);
    const moved = await p.call('PATCH', `/api/users/${made.body.id}`, { role: 'park_operator', boardId: null, parkId: park, name: '李静（园区）' }, { as: 'admin' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ role: 'park_operator', parkId: park, name: '李静（园区）', disabled: false });
    const token = await signIn(p.url, 'rugao-li', 'li-first-password');
    expect((await api(p.url, 'GET', '/api/auth/me', undefined, { authorization: `Bearer ${token}` })).body).toMatchObject({ role: 'park_operator', parkId: park });
    expect((await p.call('PATCH', `/api/users/${made.body.id}`, { name: 'x' }, { as: 'manager' })).status).toBe(403);
  });

  it('a password reset ends the open sessions; the old password stops working, the new one works', async () => {
    const made = await p.call('POST', '/api/users', { username: 'haian-zhou', name: '周敏', role: 'promoter', boardId: 'haian', password: 'zhou-first-password' }, { as: 'admin' });
    const before = await signIn(p.url, 'haian-zhou', 'zhou-first-password');
    const short = await p.call('POST', `/api/users/${made.body.id}/password`, { password: 'short' }, { as: 'admin' });
    expect([short.status, short.body.message]).toEqual([400, expect.stringContaining('至少 10 位')]);
    const reset = await p.call('POST', `/api/users/${made.body.id}/password`, { password: 'zhou-second-password' }, { as: 'admin' });
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ passwordReset: true, sessionsEnded: 1 });
    expect((await api(p.url, 'GET', '/api/auth/me', undefined, { authorization: `Bearer ${before}` })).status).toBe(401);
    expect((await api(p.url, 'POST', '/api/auth/login', { username: 'haian-zhou', password: 'zhou-first-password' })).status).toBe(401);
    await signIn(p.url, 'haian-zhou', 'zhou-second-password');
    expect((await p.call('POST', '/api/users/no-such-user/password', { password: 'zhou-third-password' }, { as: 'admin' })).body.code).toBe('USER_NOT_FOUND');
  });

  it('an admin cannot disable or demote itself', async () => {
    const me = (await p.call('GET', '/api/auth/me', undefined, { as: 'admin' })).body;
    for (const change of [{ disabled: true }, { role: 'manager' }]) {
      const r = await p.call('PATCH', `/api/users/${me.id}`, change, { as: 'admin' });
      expect([r.status, r.body.message]).toEqual([403, expect.stringContaining('不能停用或降级自己')]);
    }
    expect((await p.call('PATCH', `/api/users/${me.id}`, { name: '系统管理员（信息中心）' }, { as: 'admin' })).body.name).toBe('系统管理员（信息中心）');
  });
});
