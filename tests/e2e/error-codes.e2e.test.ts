import { ERROR_CODES } from '#errors';
import { acceptFirstOffer, lead } from '../support/leads.js';
import { api, platformForSuite } from '../support/platform.js';
import { DATABASE_KINDS } from '../support/databases.js';

/** Every error answer carries a stable code a client can branch on (libs/errors), and the document lists them. */
describe.each(DATABASE_KINDS)('coded errors (%s)', (db) => {
  const p = platformForSuite({ db });

  it('acting on a sharing record someone else changed meanwhile answers 409 STALE_REVISION, not a bare conflict', async () => {
    const created = await p.call('POST', '/api/leads', lead('sic', 'jiafang', { company: '南通错码半导体有限公司' }), { as: 'promoter:jiafang' });
    expect(created.status).toBe(201);
    await p.drain();
    const { parkId, sharingRecordId: id } = await acceptFirstOffer(p, created.body.id);
    expect(id).toBeTruthy();
    // Both sides saw revision 1; the origin board confirms first, so the park's confirmation is stale.
    expect((await p.call('POST', `/api/sharing-records/${id}/confirm`, { expectedRevision: 1 }, { as: 'promoter:jiafang' })).status).toBe(200);
    const stale = await p.call('POST', `/api/sharing-records/${id}/confirm`, { expectedRevision: 1 }, { as: `operator:${parkId}` });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ statusCode: 409, code: 'STALE_REVISION', message: expect.stringContaining('请刷新') });
    expect(stale.body.details).toEqual([expect.objectContaining({ code: 'STALE_REVISION' })]);
    const missing = await p.call('GET', '/api/sharing-records/00000000-0000-4000-8000-000000000000', undefined, { as: 'manager' });
    expect(missing.body).toMatchObject({ statusCode: 404, code: 'SHARING_RECORD_NOT_FOUND' });
  });

  it('the edge answers with codes too: refused field, no sign-in, wrong role, unknown route, malformed JSON', async () => {
    const actor = await p.call('POST', '/api/leads', { ...lead('sic', 'jiafang'), actor: 'x' }, { as: 'promoter:jiafang' });
    expect(actor.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [expect.objectContaining({ message: expect.stringContaining('不支持的字段') })] });
    expect((await p.call('GET', '/api/leads')).body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    expect((await p.call('POST', '/api/rescore', {}, { as: 'promoter:jiafang' })).body).toMatchObject({ statusCode: 403, code: 'ROLE_FORBIDDEN' });
    expect((await p.call('GET', '/api/no-such-route', undefined, { as: 'manager' })).body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
    const res = await fetch(p.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'INVALID_JSON', message: expect.stringContaining('JSON') });
    expect((await p.call('POST', '/api/auth/login', { username: 'manager', password: 'wrong-password' })).body).toMatchObject({ statusCode: 401, code: 'BAD_CREDENTIALS' });
  });

  it('the OpenAPI document lists every code with its status and meaning, and ErrorBody.code as their enum', async () => {
    const doc = (await api(p.url, 'GET', '/docs-json')).body;
    const listed = doc['x-error-codes'] as { code: string; status: number; message: string }[];
    expect(listed.map((c) => c.code).sort()).toEqual(Object.keys(ERROR_CODES).sort());
    expect(listed.find((c) => c.code === 'STALE_REVISION')).toEqual({ code: 'STALE_REVISION', status: 409, message: ERROR_CODES.STALE_REVISION.message });
    expect(doc.components.schemas.ErrorBody.properties.code.enum).toEqual(expect.arrayContaining(['STALE_REVISION', 'LEAD_NOT_FOUND', 'VALIDATION_FAILED']));
    expect(doc.paths['/api/sharing-records/{id}/confirm'].post.responses.default.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorBody' });
  });
});
