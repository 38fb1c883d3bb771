import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { creditCodeCheckChar, orgCodeCheckChar, REDACTION_MARK } from '#intake';
import { lead } from '../support/leads.js';
import { api, platformForSuite } from '../support/platform.js';

/**
 * Nothing identifying reaches a park or another board before acceptance (issue 10, observation 1).
 *
 * Leads carry distinctive names and numbers (company, trade name, person, phone, e-mail, credit code,
 * URL, WeChat id, ID number) in every free-text field. Every operator and every other board's promoter
 * then collects each response it can get (lists, details, inbox, searches with q= each planted value and
 * a prefix of one, notifications, sharing records and their export, webhook deliveries to a local
 * receiver) and none may contain a value it is not entitled to. The origin board, and the accepting park
 * after acceptance, do see them.
 */

/** A valid 统一社会信用代码 for an 8-digit organization body. */
function creditCode(body8: string): string {
  const first17 = '91320600' + body8 + orgCodeCheckChar(body8);
  return first17 + creditCodeCheckChar(first17);
}

interface Planted {
  kind: 'sic' | 'hydrogen' | 'textile';
  board: string;
  company: string;
  trade: string;
  person: string;
  surname: string;
  phone: string;
  spacedPhone: string;
  email: string;
  url: string;
  wechat: string;
  idNumber: string;
  code: string;
  sector?: string;
}

const PLANTED: Planted[] = [
  { kind: 'sic', board: 'jiafang', company: '江苏澜沧星穹半导体科技有限公司', trade: '澜沧星穹', person: '欧阳震华', surname: '欧阳', phone: '13912345678', spacedPhone: '139 1234 5678', email: 'zhenhua.oy@lancang-xq.cn', url: 'https://www.lancang-xq.cn/about', wechat: 'lcxq_2026', idNumber: '320602199001011234', code: creditCode('70812345'), sector: '第三代半导体（澜沧星穹专供）' },
  { kind: 'hydrogen', board: 'jiafang', company: 'Zephyrion Dynamics Co., Ltd.', trade: 'Zephyrion', person: '司徒雅韵', surname: '司徒', phone: '13698765432', spacedPhone: '136-9876-5432', email: 'yayun.situ@zephyrion-dyn.com', url: 'https://zephyrion-dyn.com/h2', wechat: 'zephyr_h2_88', idNumber: '32060219851212567X', code: creditCode('55501234') },
  { kind: 'textile', board: 'jiafang', company: '南通翡翠岬湾家纺有限公司', trade: '翡翠岬湾', person: '上官明轩', surname: '上官', phone: '15011223344', spacedPhone: '150 1122 3344', email: 'mx.sg@feicui-bay.cn', url: 'http://feicui-bay.cn/', wechat: 'fcjw_home', idNumber: '320602197705053216', code: creditCode('66604321') },
];

/** Every planted string of a lead, and those a `named` viewer (the accepting park's board) may see. */
function secretsOf(x: Planted): string[] {
  return [x.company, x.trade, x.person, x.phone, x.spacedPhone, x.email, x.url, x.wechat, x.idNumber, x.code];
}
const namedMaySee = (x: Planted) => [x.company, x.trade, x.code];

function submission(x: Planted, extra: Record<string, unknown> = {}) {
  const base = lead(x.kind, x.board);
  return {
    ...base,
    company: x.company,
    creditCode: x.code,
    ...(x.sector ? { sector: x.sector } : {}),
    description:
      `${base.description}${x.company}（简称${x.trade}）拟在南通落地。联系人${x.person}，手机${x.spacedPhone}，邮箱${x.email}，` +
      `官网 ${x.url}，微信 ${x.wechat}，统一社会信用代码${x.code}，法定代表人身份证${x.idNumber}。${x.surname}总希望尽快对接。`,
    contacts: [{ name: x.person, phone: x.phone, email: x.email }],
    ...extra,
  };
}

/** A local webhook receiver: every body it got, by the path it was registered with. */
async function receiver(): Promise<{ server: Server; url: string; got: Map<string, string[]> }> {
  const got = new Map<string, string[]>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.set(req.url!, [...(got.get(req.url!) ?? []), body]);
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, got };
}

describe.each(['pglite', 'postgres'] as const)('de-identification by construction (%s)', (db) => {
  // the receiver is on loopback: allowed here as on an on-premise installation
  const p = platformForSuite({ db, env: { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOW_PRIVATE: 'true' } });
  let hooks: Awaited<ReturnType<typeof receiver>>;
  let parks: { id: string; board: { id: string } }[];
  let boards: string[];
  const ids: string[] = [];
  let duplicateId: string;
  let accepted: { leadId: string; parkId: string; board: string; recordId: string | null };
  let inboxBeforeAcceptance: string;

  beforeAll(async () => {
    hooks = await receiver();
    parks = (await api(p.url, 'GET', '/api/parks')).body.items;
    boards = [...new Set(parks.map((x) => x.board.id))];
    // every park and every board hears its notices by webhook too
    for (const [kind, id] of [...parks.map((x) => ['park', x.id]), ...boards.map((b) => ['board', b])]) {
      const r = await p.call('POST', '/api/webhooks', { recipientKind: kind, recipientId: id, url: `${hooks.url}/${kind}/${id}` }, { as: 'manager' });
      expect(r.status).toBeLessThan(300);
    }
    for (const x of PLANTED) {
      const r = await p.call('POST', '/api/leads', submission(x), { as: `promoter:${x.board}` });
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    // another board brings the first project again (same company and credit code): a 项目撞车
    const dup = await p.call('POST', '/api/leads', submission({ ...PLANTED[0]!, board: 'rugao' }, { originBoard: 'rugao' }), { as: 'promoter:rugao' });
    expect(dup.status).toBe(201);
    duplicateId = dup.body.id;
    await p.drain();

    const d = (await p.call('GET', `/api/leads/${ids[0]}`, undefined, { as: 'manager' })).body;
    const offer = d.offers.find((o: any) => o.board !== PLANTED[0]!.board) ?? d.offers[0];
    inboxBeforeAcceptance = JSON.stringify((await p.call('GET', `/api/parks/${offer.parkId}/offers?pageSize=200`, undefined, { as: `operator:${offer.parkId}` })).body);
    const acc = await p.call('POST', `/api/parks/${offer.parkId}/offers/${offer.id}/accept`, undefined, { as: `operator:${offer.parkId}` });
    expect(acc.status).toBe(200);
    accepted = { leadId: ids[0]!, parkId: offer.parkId, board: offer.board, recordId: acc.body.sharingRecordId ?? null };
    await p.drain();
  }, 180_000);
  afterAll(() => hooks?.server.close());

  /** What a viewer may see of the planted values: the accepting park all of lead 0, its board the company. */
  function allowed(as: string): Set<string> {
    if (as === `operator:${accepted.parkId}`) return new Set(secretsOf(PLANTED[0]!));
    if (as === `promoter:${accepted.board}` && accepted.board !== PLANTED[0]!.board) return new Set(namedMaySee(PLANTED[0]!));
    return new Set();
  }

  /** Each planted value and a two-character prefix of each trade name ("Te" found "Test…" once), unless the viewer may see it. */
  function searches(as: string): string[] {
    const may = new Set([...allowed(as), ...own(as)]);
    return PLANTED.flatMap((x) => [...secretsOf(x), x.trade.slice(0, 2)].filter((s) => !may.has(s) && !(s === x.trade.slice(0, 2) && may.has(x.trade))));
  }

  /** rugao brought the duplicate itself: its own copy of lead 0's values is its own. */
  function own(as: string): Set<string> {
    return as === 'promoter:rugao' ? new Set(secretsOf(PLANTED[0]!)) : new Set<string>();
  }

  /** Every response a viewer can get, as [what, text] pairs. */
  async function collect(as: string): Promise<[string, string][]> {
    const out: [string, string][] = [];
    const get = async (path: string) => {
      const r = await p.call('GET', path, undefined, { as });
      expect(r.status).toBeLessThan(500);
      out.push([`GET ${path}`, typeof r.body === 'string' ? r.body : JSON.stringify(r.body)]);
      return r;
    };
    await get('/api/leads?pageSize=200');
    for (const id of [...ids, duplicateId]) await get(`/api/leads/${id}`);
    for (const q of searches(as)) {
      const r = await get(`/api/leads?pageSize=200&q=${encodeURIComponent(q)}`);
      // a search for a value the viewer may not see finds nothing: no oracle
      if (r.body.total !== 0) out.push([`q=${q} found ${r.body.total} lead(s)`, q]);
    }
    const [role, id] = as.split(':') as [string, string];
    if (role === 'operator') {
      await get(`/api/parks/${id}/offers?pageSize=200`);
      await get('/api/offers/overdue?pageSize=200');
      await get(`/api/notifications?recipientKind=park&recipientId=${id}&pageSize=200`);
    } else {
      await get(`/api/notifications?recipientKind=board&recipientId=${id}&pageSize=200`);
    }
    const records = await get('/api/sharing-records?pageSize=200');
    for (const r of records.body.items ?? []) await get(`/api/sharing-records/${r.id}`);
    await get('/api/sharing-records/export.csv');
    for (const body of hooks.got.get(`/${role === 'operator' ? 'park' : 'board'}/${id}`) ?? []) out.push(['webhook', body]);
    return out;
  }

  it('no operator and no other board finds a planted value in anything it can get, nor finds a lead by one', async () => {
    const viewers = [...parks.map((x) => `operator:${x.id}`), ...boards.filter((b) => b !== PLANTED[0]!.board).map((b) => `promoter:${b}`)];
    const leaks: string[] = [];
    let responses = 0;
    for (const as of viewers) {
      const may = new Set([...allowed(as), ...own(as)]);
      for (const [what, text] of await collect(as)) {
        responses++;
        if (what.startsWith('q=')) leaks.push(`${as} ${what}`);
        for (const x of PLANTED) for (const s of secretsOf(x)) if (!may.has(s) && text.includes(s)) leaks.push(`${as} ${what}: "${s}"`);
      }
    }
    expect(leaks).toEqual([]);
    expect(responses).toBeGreaterThan(viewers.length * 30);
    // the webhooks did deliver (so their payloads were checked above)
    expect([...hooks.got.keys()].some((k) => k.startsWith('/park/'))).toBe(true);
  }, 300_000);

  it('a park offered a lead sees the redacted description, marked, with amount and needs; the inbox showed nothing before acceptance', async () => {
    for (const x of PLANTED) for (const s of secretsOf(x)) expect(inboxBeforeAcceptance).not.toContain(s);
    expect(inboxBeforeAcceptance).toContain(REDACTION_MARK);
    const d = (await p.call('GET', `/api/leads/${ids[1]}`, undefined, { as: 'manager' })).body;
    const parkId = d.offers[0].parkId;
    const inbox = (await p.call('GET', `/api/parks/${parkId}/offers?pageSize=200`, undefined, { as: `operator:${parkId}` })).body.items;
    const item = inbox.find((o: any) => o.leadId === ids[1]);
    expect(item).toMatchObject({ company: null, contacts: null, amount: { value: 8, unit: '亿元' } });
    expect(item.summary).toContain('氢燃料电池电堆');
    expect(item.summary).toContain(REDACTION_MARK);
    const seen = (await p.call('GET', `/api/leads/${ids[1]}`, undefined, { as: `operator:${parkId}` })).body;
    expect(seen).toMatchObject({ view: 'deidentified', company: null, creditCode: null, contacts: null, submitter: null });
    expect(seen.description).toBe(item.summary);
  });

  it('the origin board sees and finds everything; the accepting park sees it all after acceptance', async () => {
    const x = PLANTED[0]!;
    const mine = (await p.call('GET', `/api/leads/${ids[0]}`, undefined, { as: `promoter:${x.board}` })).body;
    expect(mine).toMatchObject({ view: 'full', company: x.company, creditCode: x.code, contacts: [{ name: x.person, phone: x.phone, email: x.email }] });
    for (const s of [x.person, x.spacedPhone, x.email, x.url, x.wechat, x.idNumber]) expect(mine.description).toContain(s);
    for (const s of [x.trade, x.code, x.company]) {
      const found = (await p.call('GET', `/api/leads?pageSize=200&q=${encodeURIComponent(s)}`, undefined, { as: `promoter:${x.board}` })).body;
      expect(found.items.map((l: any) => l.id)).toContain(ids[0]);
    }
    const park = `operator:${accepted.parkId}`;
    const inbox = (await p.call('GET', `/api/parks/${accepted.parkId}/offers?status=accepted&pageSize=200`, undefined, { as: park })).body.items;
    const item = inbox.find((o: any) => o.leadId === ids[0]);
    expect(item).toMatchObject({ company: x.company, contacts: [{ name: x.person, phone: x.phone, email: x.email }] });
    expect(item.summary).toContain(x.url);
    const full = (await p.call('GET', `/api/leads/${ids[0]}`, undefined, { as: park })).body;
    expect(full).toMatchObject({ view: 'full', company: x.company });
    expect(full.description).toContain(x.person);
    const byCompany = (await p.call('GET', `/api/leads?pageSize=200&q=${encodeURIComponent(x.trade)}`, undefined, { as: park })).body;
    expect(byCompany.items.map((l: any) => l.id)).toContain(ids[0]);
  });

  it('a duplicate from another board is listed without its code, board or id; that lead is a 404 like one that does not exist', async () => {
    const x = PLANTED[0]!;
    const mine = (await p.call('GET', `/api/leads/${ids[0]}`, undefined, { as: `promoter:${x.board}` })).body;
    const link = mine.duplicates.find((d: any) => d.reason === 'credit_code');
    expect(link).toMatchObject({ otherVisible: false, otherLeadId: null, otherLeadCode: null, otherBoard: null, comment: null });
    expect(JSON.stringify(mine.duplicates)).not.toContain(duplicateId);
    expect(JSON.stringify(mine.duplicates)).not.toContain('rugao');
    const hidden = await p.call('GET', `/api/leads/${duplicateId}`, undefined, { as: `promoter:${x.board}` });
    const missing = await p.call('GET', `/api/leads/${randomUUID()}`, undefined, { as: `promoter:${x.board}` });
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(hidden.body.message.replace(duplicateId, 'ID')).toBe(missing.body.message.replace(/[0-9a-f-]{36}/, 'ID'));
    // the manager sees both sides in full
    const city = (await p.call('GET', `/api/leads/${ids[0]}`, undefined, { as: 'manager' })).body;
    expect(city.duplicates.find((d: any) => d.reason === 'credit_code')).toMatchObject({ otherVisible: true, otherLeadId: duplicateId, otherBoard: 'rugao' });
  });

  it('a sharing record the caller may not see is a 404 on every verb, naming neither it nor its boards', async () => {
    expect(accepted.recordId).not.toBeNull();
    const id = accepted.recordId!;
    const outsider = boards.find((b) => b !== PLANTED[0]!.board && b !== accepted.board)!;
    const otherPark = parks.find((x) => x.id !== accepted.parkId)!.id;
    const calls: [string, string, unknown][] = [
      ['GET', '', undefined],
      ['POST', '/confirm', {}],
      ['POST', '/terms', { defaults: true }],
      ['POST', '/amend', { defaults: true, reason: '测试' }],
      ['POST', '/indicators', { values: [{ indicator: 'tax', periodFrom: '2030-01-01', periodTo: '2030-01-31', amountYuan: 1 }] }],
    ];
    for (const as of [`promoter:${outsider}`, `operator:${otherPark}`])
      for (const [method, suffix, body] of calls) {
        const madeUp = randomUUID();
        const r = await p.call(method, `/api/sharing-records/${id}${suffix}`, body, { as });
        const none = await p.call(method, `/api/sharing-records/${madeUp}${suffix}`, body, { as });
        const what = `${as} ${method} ${suffix}`;
        // indicators are not a promoter's verb at all: the role refusal, the same for any id
        const expected = suffix === '/indicators' && as.startsWith('promoter') ? 403 : 404;
        expect([what, r.status, none.status]).toEqual([what, expected, expected]);
        expect(r.body.message.replace(id, 'ID')).toBe(none.body.message.replace(madeUp, 'ID'));
        for (const b of [PLANTED[0]!.board, accepted.board]) expect(JSON.stringify(r.body)).not.toContain(b);
      }
    // approve / reject are the manager's: anyone else gets the same refusal for a real and a made-up id
    for (const verb of ['approve', 'reject']) {
      const real = await p.call('POST', `/api/sharing-records/${id}/${verb}`, { comment: '测试' }, { as: `promoter:${outsider}` });
      const madeUp = await p.call('POST', `/api/sharing-records/${randomUUID()}/${verb}`, { comment: '测试' }, { as: `promoter:${outsider}` });
      expect([real.status, real.body.message]).toEqual([madeUp.status, madeUp.body.message]);
    }
    // its parties still reach it
    expect((await p.call('GET', `/api/sharing-records/${id}`, undefined, { as: `promoter:${PLANTED[0]!.board}` })).status).toBe(200);
    expect((await p.call('GET', `/api/sharing-records/${id}`, undefined, { as: `operator:${accepted.parkId}` })).status).toBe(200);
  });
});
