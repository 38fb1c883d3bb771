import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { DnsStub } from '../support/dns-stub.js';
import { lead } from '../support/leads.js';
import { platformForSuite, type TestPlatform } from '../support/platform.js';

/** What an integrator runs on its side: the signature over "<t>.<raw body>", at most 5 minutes old. */
function verify(header: string | string[] | undefined, rawBody: string, secret: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(typeof header === 'string' ? header : '');
  if (!m || Math.abs(Date.now() / 1000 - Number(m[1])) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${m[1]}.${rawBody}`).digest();
  return timingSafeEqual(expected, Buffer.from(m[2]!, 'hex'));
}

interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  body: any;
}

/** An HTTP receiver on 127.0.0.1 that records what it gets and answers with `status`. */
async function receiver(answer: (req: Received) => { status: number; headers?: Record<string, string> } = () => ({ status: 204 })) {
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c)).on('end', () => {
      const r = { headers: req.headers, raw, body: JSON.parse(raw || 'null') };
      got.push(r);
      const a = answer(r);
      res.writeHead(a.status, a.headers).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { got, port, url: `http://127.0.0.1:${port}/parkmatch/hook`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const PARK = 'home-textile';
const OPERATOR = `operator:${PARK}`;

/** A textile lead (distinct company each time) that the platform offers to the home-textile park. */
async function offerToPark(p: TestPlatform): Promise<void> {
  const tag = randomUUID().slice(0, 6);
  const r = await p.call('POST', '/api/leads', lead('textile', 'haian', { company: `南通${tag}家纺制品有限公司`, description: `高端家纺面料与床品套件智能制造项目（${tag}），引进喷气织机与数码印花线。` }), { as: 'promoter:haian' });
  expect(r.status).toBe(201);
  await p.drain();
}

async function until(what: () => boolean, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  while (!what() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
}

describe.each(['pglite', 'postgres'] as const)('webhooks on %s', (db) => {
  describe('default rules: https to public addresses only, checked at registration and at delivery', () => {
    const p = platformForSuite({ db });
    let dns: DnsStub;
    beforeAll(async () => {
      // Host names resolve through a real DNS server on loopback whose answers the test controls.
      dns = p.dns;
    });

    it('private, loopback, link-local, metadata, CGNAT and unique-local targets are refused with a 400 naming the rule, in every IP spelling', async () => {
      dns.set('intranet.parkmatch.test', ['10.20.30.40']);
      dns.set('mixed.parkmatch.test', ['93.184.215.14', '::1']);
      dns.set('metadata.parkmatch.test', ['169.254.169.254']);
      const cases: [url: string, words: string[]][] = [
        ['https://127.0.0.1/hook', ['环回地址', '127.0.0.1']],
        ['https://2130706433/hook', ['环回地址', '127.0.0.1']],
        ['https://0x7f.0.0.1/hook', ['环回地址']],
        ['https://0177.0.0.1/hook', ['环回地址']],
        ['https://127.1/hook', ['环回地址']],
        ['https://[::1]/hook', ['环回地址', '::1']],
        ['https://[::ffff:127.0.0.1]/hook', ['环回地址']],
        ['https://[::ffff:169.254.169.254]/latest', ['元数据']],
        ['https://169.254.169.254/latest/meta-data/', ['元数据']],
        ['https://169.254.10.1/hook', ['链路本地']],
        ['https://[fe80::1]/hook', ['链路本地']],
        ['https://10.0.0.8/hook', ['内网地址', '10.0.0.0/8']],
        ['https://172.20.1.1/hook', ['内网地址', '172.16.0.0/12']],
        ['https://192.168.1.10/hook', ['内网地址', '192.168.0.0/16']],
        ['https://100.64.1.1/hook', ['运营商级 NAT']],
        ['https://[fd00::1]/hook', ['唯一本地']],
        ['https://0.0.0.0/hook', ['本网络']],
        ['https://intranet.parkmatch.test/hook', ['内网地址', 'intranet.parkmatch.test 解析为 10.20.30.40']],
        ['https://mixed.parkmatch.test/hook', ['环回地址', '::1']],
        ['https://metadata.parkmatch.test/computeMetadata/v1/', ['元数据', 'metadata.parkmatch.test 解析为 169.254.169.254']],
        ['https://no-such-host.parkmatch.test/hook', ['无法解析主机名']],
        ['http://93.184.215.14/hook', ['https://', 'WEBHOOK_ALLOW_HTTP']],
        ['https://user:pw@93.184.215.14/hook', ['用户名或密码']],
      ];
      const wrong: string[] = [];
      for (const [url, words] of cases) {
        const r = await p.call('POST', '/api/webhooks', { recipientKind: 'park', recipientId: PARK, url }, { as: OPERATOR });
        if (r.status !== 400 || !words.every((w) => String(r.body.message).includes(w))) wrong.push(`${url} → ${r.status} ${r.body.message}`);
        else expect(r.body.details).toEqual([expect.objectContaining({ field: 'url' })]);
      }
      expect(wrong).toEqual([]);
      expect((await p.call('GET', '/api/webhooks', undefined, { as: OPERATOR })).body.items).toEqual([]);
    });

    it('a name that resolves to a public address at registration and to loopback at delivery is refused at delivery: nothing reaches the loopback port', async () => {
      const connections: string[] = [];
      const trap = createTcpServer((s) => {
        connections.push(s.remoteAddress ?? '?');
        s.destroy();
      });
      await new Promise<void>((r) => trap.listen(0, '127.0.0.1', r));
      const port = (trap.address() as { port: number }).port;
      try {
        dns.set('rebind.parkmatch.test', ['93.184.215.14']);
        const hook = await p.call('POST', '/api/webhooks', { recipientKind: 'park', recipientId: PARK, url: `https://rebind.parkmatch.test:${port}/hook` }, { as: OPERATOR });
        expect(hook.status).toBe(201);
        // Nothing is sent until a notice exists: switch the answer first (no traffic ever leaves loopback).
        dns.set('rebind.parkmatch.test', ['127.0.0.1']);
        await offerToPark(p);

        const deliveries = await p.call('GET', `/api/webhooks/${hook.body.id}/deliveries`, undefined, { as: OPERATOR });
        expect(deliveries.status).toBe(200);
        expect(deliveries.body.items).toHaveLength(1);
        expect(deliveries.body.items[0]).toMatchObject({ kind: 'offer', status: 'failed', attempts: 1 });
        expect(deliveries.body.items[0].lastError).toContain('环回地址');
        expect(deliveries.body.items[0].lastError).toContain('rebind.parkmatch.test 解析为 127.0.0.1');
        const listed = (await p.call('GET', '/api/webhooks', undefined, { as: OPERATOR })).body.items.find((w: any) => w.id === hook.body.id);
        expect(listed.delivery).toMatchObject({ attempts: 1, failures: 1, lastStatus: 'failed', lastDeliveredAt: null });
        expect(listed.delivery.lastError).toContain('127.0.0.1');
        expect(connections).toEqual([]);
        expect(dns.questions).toContain('A rebind.parkmatch.test');
      } finally {
        trap.close();
      }
    });
  });

  describe('with loopback allowed (WEBHOOK_ALLOW_HTTP, WEBHOOK_ALLOW_PRIVATE: tests and on-premise)', () => {
    const p = platformForSuite({ db, env: { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOW_PRIVATE: 'true' } });

    it('a real receiver gets each notice signed with the secret shown once; the integrator check accepts it and rejects a changed body or another secret', async () => {
      const rx = await receiver();
      try {
        const hook = await p.call('POST', '/api/webhooks', { recipientKind: 'park', recipientId: PARK, url: rx.url }, { as: OPERATOR });
        expect(hook.status).toBe(201);
        expect(hook.body.secret).toMatch(/^pm_wh_[A-Za-z0-9_-]{43}$/);
        expect(hook.body.signing.header).toBe('X-ParkMatch-Signature');
        const secret: string = hook.body.secret;
        for (const r of [await p.call('GET', '/api/webhooks', undefined, { as: OPERATOR }), await p.call('GET', `/api/webhooks/${hook.body.id}`, undefined, { as: OPERATOR }), await p.call('GET', '/api/webhooks', undefined, { as: 'manager' })]) {
          expect(r.status).toBe(200);
          expect(JSON.stringify(r.body)).not.toContain(secret);
        }

        await offerToPark(p);
        await until(() => rx.got.length > 0);
        expect(rx.got).toHaveLength(1);
        const [n] = rx.got;
        expect(n!.body).toMatchObject({ kind: 'offer', recipient: { kind: 'park', id: PARK } });
        expect(n!.headers['x-parkmatch-webhook']).toBe(hook.body.id);
        expect(n!.headers['x-parkmatch-notification']).toBe(n!.body.id);
        expect(verify(n!.headers['x-parkmatch-signature'], n!.raw, secret)).toBe(true);
        expect(verify(n!.headers['x-parkmatch-signature'], n!.raw.replace('"offer"', '"accept"'), secret)).toBe(false);
        expect(verify(n!.headers['x-parkmatch-signature'], n!.raw, 'pm_wh_someone-else')).toBe(false);

        const one = (await p.call('GET', `/api/webhooks/${hook.body.id}`, undefined, { as: OPERATOR })).body;
        expect(one.delivery).toMatchObject({ attempts: 1, failures: 0, lastStatus: 'delivered', lastHttpStatus: 204, lastError: null });
        expect(Date.parse(one.delivery.lastDeliveredAt)).toBeGreaterThan(Date.now() - 60000);
        const d = (await p.call('GET', `/api/webhooks/${hook.body.id}/deliveries`, undefined, { as: OPERATOR })).body;
        expect(d.items).toEqual([expect.objectContaining({ notificationId: n!.body.id, status: 'delivered', attempts: 1, lastError: null })]);
        expect((await p.call('DELETE', `/api/webhooks/${hook.body.id}`, undefined, { as: OPERATOR })).status).toBe(200);
      } finally {
        await rx.close();
      }
    });

    it('one row per URL per recipient: registering it again, in any spelling, is a 409 naming the existing webhook; another recipient may register it', async () => {
      const url = 'http://127.0.0.1:9/parkmatch/dup';
      const first = await p.call('POST', '/api/webhooks', { recipientKind: 'park', recipientId: PARK, url }, { as: OPERATOR });
      expect(first.status).toBe(201);
      for (const again of [url, 'HTTP://127.0.0.1:9/parkmatch/dup', 'http://127.0.0.1:9/parkmatch/dup#x', 'http://2130706433:9/parkmatch/dup']) {
        const r = await p.call('POST', '/api/webhooks', { recipientKind: 'park', recipientId: PARK, url: again }, { as: OPERATOR });
        expect(r.status).toBe(409);
        expect(r.body.message).toContain(first.body.id);
      }
      expect((await p.call('GET', '/api/webhooks', undefined, { as: OPERATOR })).body.items.filter((w: any) => w.url === url)).toHaveLength(1);
      const board = await p.call('POST', '/api/webhooks', { recipientKind: 'board', recipientId: 'jiafang', url }, { as: 'promoter:jiafang' });
      expect(board.status).toBe(201);
      for (const id of [first.body.id, board.body.id]) expect((await p.call('DELETE', `/api/webhooks/${id}`, undefined, { as: 'manager' })).status).toBe(200);
    });

    it('test-send, disable, enable, new secret and delete; other boards and parks get 404 on every verb', async () => {
      const rx = await receiver();
      try {
        const hook = await p.call('POST', '/api/webhooks', { recipientKind: 'park', recipientId: PARK, url: rx.url }, { as: OPERATOR });
        const id: string = hook.body.id;

        const test = await p.call('POST', `/api/webhooks/${id}/test`, {}, { as: OPERATOR });
        expect(test.status).toBe(200);
        expect(test.body).toMatchObject({ delivered: true, httpStatus: 204, error: null });
        expect(rx.got.at(-1)!.body).toMatchObject({ kind: 'webhook-test', id: test.body.notificationId });
        expect(verify(rx.got.at(-1)!.headers['x-parkmatch-signature'], rx.got.at(-1)!.raw, hook.body.secret)).toBe(true);

        const off = await p.call('PATCH', `/api/webhooks/${id}`, { enabled: false }, { as: OPERATOR });
        expect(off.status).toBe(200);
        expect(off.body.enabled).toBe(false);
        const before = rx.got.length;
        await offerToPark(p);
        expect(rx.got.length).toBe(before);
        expect((await p.call('GET', `/api/webhooks/${id}/deliveries`, undefined, { as: OPERATOR })).body.total).toBe(0);

        expect((await p.call('PATCH', `/api/webhooks/${id}`, { enabled: true }, { as: OPERATOR })).body.enabled).toBe(true);
        await offerToPark(p);
        await until(() => rx.got.length > before);
        expect(rx.got.slice(before).map((g) => g.body.kind)).toEqual(['offer']);

        const rotated = await p.call('POST', `/api/webhooks/${id}/secret`, {}, { as: OPERATOR });
        expect(rotated.status).toBe(200);
        expect(rotated.body.secret).not.toBe(hook.body.secret);
        await p.call('POST', `/api/webhooks/${id}/test`, {}, { as: OPERATOR });
        const last = rx.got.at(-1)!;
        expect(verify(last.headers['x-parkmatch-signature'], last.raw, rotated.body.secret)).toBe(true);
        expect(verify(last.headers['x-parkmatch-signature'], last.raw, hook.body.secret)).toBe(false);

        const others = ['operator:rudong-dz', 'promoter:haian'];
        for (const as of others) {
          expect((await p.call('GET', '/api/webhooks', undefined, { as })).body.items.map((w: any) => w.id)).not.toContain(id);
          for (const [method, path, body] of [['GET', `/api/webhooks/${id}`], ['GET', `/api/webhooks/${id}/deliveries`], ['PATCH', `/api/webhooks/${id}`, { enabled: false }], ['POST', `/api/webhooks/${id}/test`, {}], ['POST', `/api/webhooks/${id}/secret`, {}], ['DELETE', `/api/webhooks/${id}`]] as const)
            expect([as, method, path, (await p.call(method, path, body, { as })).status]).toEqual([as, method, path, 404]);
        }
        expect((await p.call('POST', '/api/webhooks', { recipientKind: 'park', recipientId: PARK, url: 'http://127.0.0.1:9/x' }, { as: 'operator:rudong-dz' })).status).toBe(403);

        const gone = await p.call('DELETE', `/api/webhooks/${id}`, undefined, { as: OPERATOR });
        expect(gone.status).toBe(200);
        expect((await p.call('GET', `/api/webhooks/${id}`, undefined, { as: OPERATOR })).status).toBe(404);
        expect((await p.call('GET', '/api/webhooks', undefined, { as: OPERATOR })).body.items).toEqual([]);
        const after = rx.got.length;
        await offerToPark(p);
        expect(rx.got.length).toBe(after);
      } finally {
        await rx.close();
      }
    });

    it('a notice waiting for its retry is not sent once its webhook is disabled or deleted: it shows as cancelled', async () => {
      for (const how of ['disable', 'delete'] as const) {
        const rx = await receiver(() => ({ status: 503 }));
        try {
          const hook = await p.call('POST', '/api/webhooks', { recipientKind: 'park', recipientId: PARK, url: rx.url }, { as: OPERATOR });
          await p.call('POST', '/api/leads', lead('textile', 'haian', { company: `南通${how}家纺有限公司`, description: `功能性家纺面料生产项目（${how}），引进智能织造设备。` }), { as: 'promoter:haian' });
          await until(() => rx.got.length > 0);
          expect(rx.got).toHaveLength(1);
          // the first attempt failed; the retry waits out its backoff (2 s)
          if (how === 'disable') expect((await p.call('PATCH', `/api/webhooks/${hook.body.id}`, { enabled: false }, { as: OPERATOR })).status).toBe(200);
          else expect((await p.call('DELETE', `/api/webhooks/${hook.body.id}`, undefined, { as: OPERATOR })).status).toBe(200);
          await p.drain();
          expect(rx.got).toHaveLength(1);
          const notices = (await p.call('GET', `/api/notifications?recipientKind=park&recipientId=${PARK}&pageSize=200`, undefined, { as: OPERATOR })).body.items;
          const n = notices.find((x: any) => x.id === rx.got[0]!.body.id);
          expect([n.webhook_status, n.webhook_attempts, n.webhook_error]).toEqual(['cancelled', 1, how === 'disable' ? 'webhook 已停用，未投递' : 'webhook 已删除，未投递']);
          if (how === 'disable') await p.call('DELETE', `/api/webhooks/${hook.body.id}`, undefined, { as: OPERATOR });
        } finally {
          await rx.close();
        }
      }
    });

    it('redirects are not followed: a 302 is reported as such and its target gets nothing', async () => {
      const target = await receiver();
      const redirector = await receiver(() => ({ status: 302, headers: { location: target.url } }));
      try {
        const hook = await p.call('POST', '/api/webhooks', { recipientKind: 'park', recipientId: PARK, url: redirector.url }, { as: OPERATOR });
        const test = await p.call('POST', `/api/webhooks/${hook.body.id}/test`, {}, { as: OPERATOR });
        expect(test.body).toMatchObject({ delivered: false, httpStatus: 302 });
        expect(test.body.error).toContain('不跟随重定向');
        expect(redirector.got).toHaveLength(1);
        expect(target.got).toHaveLength(0);
        const listed = (await p.call('GET', `/api/webhooks/${hook.body.id}`, undefined, { as: OPERATOR })).body;
        expect(listed.delivery).toMatchObject({ lastStatus: 'failed', lastHttpStatus: 302 });
        await p.call('DELETE', `/api/webhooks/${hook.body.id}`, undefined, { as: OPERATOR });
      } finally {
        await redirector.close();
        await target.close();
      }
    });
  });
});
