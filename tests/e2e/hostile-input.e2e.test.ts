import { DATABASE_KINDS } from '../support/databases.js';
import { lead } from '../support/leads.js';
import { type ApiResponse, platformForSuite, type TestPlatform } from '../support/platform.js';

/**
 * Issue 10, observation 5: inputs that answered 500 or were stored altered. Each answers a 4xx in the one
 * error shape, with a Chinese message naming what to fix.
 */

/** Raw bytes as a JSON body (fetch would re-encode a string as valid UTF-8). */
async function rawPost(p: TestPlatform, path: string, bytes: Buffer, as: string): Promise<ApiResponse> {
  const res = await fetch(p.url + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await p.tokenFor(as)}` }, body: bytes });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

function expectRefused(r: ApiResponse, status: number, ...words: (string | RegExp)[]) {
  expect({ status: r.status, statusCode: r.body?.statusCode }).toEqual({ status, statusCode: status });
  expect(r.body.message).toMatch(/[\u4e00-\u9fff]/);
  for (const w of words) expect(r.body.message).toMatch(w);
}

describe.each(DATABASE_KINDS)('hostile input gets a 4xx naming the field, never a 500 (%s)', (db) => {
  const p = platformForSuite({ db });
  let recordId: string;
  let operator: string;

  beforeAll(async () => {
    // a cross-board acceptance, for the sharing-record routes
    const created = await p.call('POST', '/api/leads', lead('sic', 'jiafang'), { as: 'promoter:jiafang' });
    expect(created.status).toBe(201);
    await p.drain();
    const d = (await p.call('GET', `/api/leads/${created.body.id}`, undefined, { as: 'manager' })).body;
    const offer = d.offers.find((o: { board: string }) => o.board !== 'jiafang');
    operator = `operator:${offer.parkId}`;
    const accepted = await p.call('POST', `/api/parks/${offer.parkId}/offers/${offer.id}/accept`, undefined, { as: operator });
    expect(accepted.status).toBe(200);
    recordId = accepted.body.sharingRecordId;
    expect(recordId).toBeTruthy();
  });

  const NUL_IN_URL: [string, string, string | undefined, RegExp][] = [
    ['lead list keyword', '/api/leads?q=%00', 'manager', /q/],
    ['lead list board', '/api/leads?board=%00', 'manager', /board/],
    ['lead list sector', '/api/leads?sector=%00', 'manager', /sector/],
    ['lead list park', '/api/leads?park=%00', 'manager', /park/],
    ['lead detail id', '/api/leads/%00', 'manager', /id/],
    ['park detail id, signed out', '/api/parks/%00', undefined, /id/],
    ['park list board, signed out', '/api/parks?board=%00', undefined, /board/],
    ['audit action', '/api/audit?action=%00', 'manager', /action/],
    ['notification recipient', '/api/notifications?recipientKind=manager&recipientId=%00', 'manager', /recipientId/],
  ];
  it.each(NUL_IN_URL)('NUL in a query or path value (%s): 400 naming the parameter', async (_, path, as, field) => {
    const r = await p.call('GET', path, undefined, as ? { as } : {});
    expectRefused(r, 400, field, /控制字符/);
  });

  it('NUL in the sign-in user name, signed out: 400 naming username', async () => {
    expectRefused(await p.call('POST', '/api/auth/login', { username: 'man\u0000ager', password: 'parkmatch-demo' }), 400, /username/, /控制字符/);
  });

  it('NUL in an API token name: 400 naming name', async () => {
    expectRefused(await p.call('POST', '/api/auth/api-tokens', { name: '对接\u0000系统' }, { as: 'manager' }), 400, /name/, /控制字符/);
  });

  it('NUL in a user name: 400 naming name', async () => {
    const r = await p.call('POST', '/api/users', { username: 'nul-user', name: '王\u0000敏', role: 'manager', password: 'a-long-password' }, { as: 'admin' });
    expectRefused(r, 400, /name/, /控制字符/);
  });

  it('NUL in a rescore reason: 400 naming reason', async () => {
    expectRefused(await p.call('POST', '/api/rescore', { reason: '年度\u0000修订' }, { as: 'manager' }), 400, /reason/, /控制字符/);
  });

  it('NUL in an indicator note: 400 naming the note', async () => {
    const values = [{ indicator: 'signed_amount', periodFrom: '2025-03-01', periodTo: '2025-03-01', amountYuan: 100, note: '合同\u0000金额' }];
    expectRefused(await p.call('POST', `/api/sharing-records/${recordId}/indicators`, { values }, { as: 'manager' }), 400, /values\.0\.note/, /控制字符/);
  });

  it('a yearly revenue past the safe integer range: 400, not an overflow', async () => {
    const r = await p.call('GET', `/api/sharing-records/${recordId}?revenue=100000000000000000000`, undefined, { as: 'manager' });
    expectRefused(r, 400, /revenue/);
    expect((await p.call('GET', `/api/sharing-records/${recordId}?revenue=1000000,2000000`, undefined, { as: 'manager' })).status).toBe(200);
  });

  it('invalid UTF-8 bytes in a JSON body: 400, nothing stored', async () => {
    const before = (await p.call('GET', '/api/leads?pageSize=200', undefined, { as: 'manager' })).body.total;
    const json = Buffer.from(JSON.stringify({ ...lead('hydrogen', 'haian'), description: 'XX氢燃料电池电堆项目' }));
    const i = json.indexOf('XX');
    json[i] = 0xc3; // a lead byte followed by a non-continuation byte
    json[i + 1] = 0x28;
    expectRefused(await rawPost(p, '/api/leads', json, 'promoter:haian'), 400, /UTF-8/);
    expect((await p.call('GET', '/api/leads?pageSize=200', undefined, { as: 'manager' })).body.total).toBe(before);
  });

  it('a lone surrogate in a JSON string: 400 naming the field, nothing stored as �', async () => {
    // the JSON escape \ud800 without its low half: valid JSON, not valid text
    const body = JSON.stringify({ ...lead('hydrogen', 'haian'), company: '上海氢途@动力科技有限公司' }).replace('@', '\\ud800');
    expect(body).toContain('\\ud800');
    const r = await p.call('POST', '/api/leads', body, { as: 'promoter:haian' });
    expectRefused(r, 400, /company/, /代理|surrogate|UTF-16|无效字符/);
    const rows = await p.database.db.selectFrom('leads').select('company').where('company', 'like', '%\ufffd%').execute();
    expect(rows).toEqual([]);
  });

  it('an impossible calendar date (2024-02-30) is a 400, not 1 March', async () => {
    expectRefused(await p.call('GET', '/api/leads?from=2024-02-30', undefined, { as: 'manager' }), 400, /from/, /2024-02-30/);
    expectRefused(await p.call('GET', '/api/sharing-records?from=2024-02-30', undefined, { as: 'manager' }), 400, /from/, /2024-02-30/);
    expect((await p.call('GET', '/api/leads?from=2024-02-29', undefined, { as: 'manager' })).status).toBe(200);
  });

  it('an Idempotency-Key reused with a different body: 422; the same body again: 200 with the first lead', async () => {
    const headers = { 'idempotency-key': `hostile-${db}` };
    const first = await p.call('POST', '/api/leads', lead('textile', 'haian'), { as: 'promoter:haian', headers });
    expect(first.status).toBe(201);
    const again = await p.call('POST', '/api/leads', lead('textile', 'haian'), { as: 'promoter:haian', headers });
    expect({ status: again.status, id: again.body.id }).toEqual({ status: 200, id: first.body.id });
    const other = await p.call('POST', '/api/leads', lead('textile', 'haian', { landMu: 999 }), { as: 'promoter:haian', headers });
    expectRefused(other, 422, /Idempotency-Key/);
  });
});
