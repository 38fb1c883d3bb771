import { z } from 'zod';
import { checkBody } from './refusal.js';
import { refusals } from './testing/refusals.js';
import { ADMIN_REQUESTS } from './admin.js';
import { IMPORT_REQUESTS } from './imports.js';
import { WEBHOOK_QUERIES, WEBHOOK_REQUESTS } from './webhooks.js';

describe('admin, webhook and import contracts', () => {
  it('an account is created with the known fields only; an unknown role or field is refused in Chinese', () => {
    const user = { username: 'haian-wangmin', name: '王敏', role: 'promoter', boardId: 'haian', password: '0123456789' };
    expect(checkBody(ADMIN_REQUESTS.createUser, user)).toMatchObject({ ok: true });
    expect(refusals(ADMIN_REQUESTS.createUser, { ...user, actor: 'admin' })).toEqual(['不支持的字段：actor']);
    expect(refusals(ADMIN_REQUESTS.createUser, { ...user, role: 'root' })).toEqual(['role：须为 promoter / park_operator / manager / admin']);
  });

  it('disabling, editing and resetting a password refuse what they do not take', () => {
    expect(refusals(ADMIN_REQUESTS.updateUser, { disabled: 'yes' })).toEqual(['disabled：disabled 须为 true 或 false']);
    expect(refusals(ADMIN_REQUESTS.updateUser, { password: '0123456789' })).toEqual(['不支持的字段：password']);
    expect(refusals(ADMIN_REQUESTS.resetPassword, { password: 'short' })).toEqual(['password：密码至少 10 位']);
    expect(refusals(ADMIN_REQUESTS.createToken, { name: '对接', scope: 'all' })).toEqual(['不支持的字段：scope']);
    expect(refusals(ADMIN_REQUESTS.login, { username: 'a', password: 'b', remember: true })).toEqual(['不支持的字段：remember']);
  });

  it('a webhook names its recipient by kind and id; enabling takes a boolean', () => {
    expect(refusals(WEBHOOK_REQUESTS.register, { recipientKind: 'city', recipientId: 'x', url: 'https://a.cn/h' })).toEqual(['recipientKind：须为 park / board / manager']);
    expect(refusals(WEBHOOK_REQUESTS.update, { enabled: true, url: 'https://a.cn/h' })).toEqual(['不支持的字段：url']);
    expect(z.object(WEBHOOK_QUERIES.list).strict().safeParse({ recipientKind: 'park', recipientId: 'home-textile' }).success).toBe(true);
  });

  it('an import upload takes the board and the submitter beside the file', () => {
    expect(refusals(IMPORT_REQUESTS.upload, { originBoard: 'haian', submitter: '王敏', dryRun: 'true' })).toEqual(['不支持的字段：dryRun']);
    expect(refusals(IMPORT_REQUESTS.upload, { submitter: '王敏' })).toEqual(['缺少字段 originBoard']);
  });
});
