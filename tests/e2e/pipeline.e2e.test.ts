import { createServer, type Server } from 'node:http';
import { lead } from '../support/leads.js';
import { platformForSuite, type TestPlatform } from '../support/platform.js';
import { DATABASE_KINDS } from '../support/databases.js';

async function leadDetail(p: TestPlatform, id: string) {
  return (await p.call('GET', `/api/leads/${id}`, undefined, { as: 'manager' })).body;
}

describe.each(DATABASE_KINDS)('lead pipeline: submit → score → share → inbox → accept → stages (%s, real Redis and workers)', (db) => {
  // the retry test's receiver listens on loopback over http
  const p = platformForSuite({ db, env: { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOW_PRIVATE: 'true' } });

  it('a submitted lead is scored with reasons and offered to the matched parks, de-identified until accepted', async () => {
    const created = await p.call('POST', '/api/leads', lead('sic', 'jiafang'), { as: 'promoter:jiafang' });
    expect(created.status).toBe(201);
    expect(created.body.code).toMatch(/^XS\d{6}$/);
    await p.drain();

    const d = await leadDetail(p, created.body.id);
    expect(d.status).toBe('shared');
    expect(d.ranking.results).toHaveLength(20);
    expect(d.ranking.engineVersion).toBeTruthy();
    expect(d.ranking.profileVersions['nantong-hitech']).toBe(1);
    const top3 = d.ranking.results.slice(0, 3).map((r: any) => r.park);
    expect(top3.some((name: string) => ['南通高新区', '如东开发区', '苏锡通科技产业园区'].includes(name))).toBe(true);
    expect(d.ranking.results[0].reasons.length).toBeGreaterThan(0);
    expect(d.offers.length).toBeGreaterThan(0);
    expect(d.offers.length).toBeLessThanOrEqual(3);
    // The textile board has no semiconductor park: the lead crosses boards.
    expect(d.offers.every((o: any) => o.board !== 'jiafang')).toBe(true);
    expect(d.history.map((e: any) => e.kind)).toEqual(['created', 'scored', 'shared']);

    const parkId = d.offers[0].parkId;
    const inbox = await p.call('GET', `/api/parks/${parkId}/offers?status=open`, undefined, { as: `operator:${parkId}` });
    expect(inbox.status).toBe(200);
    const item = inbox.body.items.find((i: any) => i.leadId === created.body.id);
    expect(item.summary).toContain('碳化硅');
    expect(item.company).toBeNull();
    expect(item.contacts).toBeNull();
    expect(JSON.stringify(item)).not.toContain('芯能');
    expect(JSON.stringify(item)).not.toContain('13800000000');
  });

  it('a lead inside its own board stays there when one of its parks fits nearly as well as the best', async () => {
    const created = await p.call('POST', '/api/leads', lead('hydrogen', 'rugao'), { as: 'promoter:rugao' });
    await p.drain();
    const d = await leadDetail(p, created.body.id);
    expect(d.offers.map((o: any) => o.board)).toEqual(['rugao']);
    expect(d.offers[0].park).toBe('如皋开发区');
  });

  it('a lead no park fits goes to the manager review list, not to any inbox', async () => {
    const created = await p.call('POST', '/api/leads', lead('bakery', 'haian'), { as: 'promoter:haian' });
    await p.drain();
    const d = await leadDetail(p, created.body.id);
    expect(d.status).toBe('review');
    expect(d.offers).toEqual([]);
    const review = await p.call('GET', '/api/review/no-fit', undefined, { as: 'manager' });
    expect(review.body.items.map((l: any) => l.id)).toContain(created.body.id);
    const notices = await p.call('GET', '/api/notifications?recipientKind=manager&recipientId=city', undefined, { as: 'manager' });
    expect(notices.body.items.some((n: any) => n.lead_id === created.body.id && n.kind === 'no-fit')).toBe(true);
  });

  it('the first acceptance wins under concurrent acceptances; the others get 409 and their offers are withdrawn', async () => {
    const created = await p.call('POST', '/api/leads', lead('sic', 'jiafang', { description: '第三代半导体氮化镓射频器件与碳化硅MOSFET封测项目，建设车规级功率模块产线。' }), { as: 'promoter:jiafang' });
    await p.drain();
    const d = await leadDetail(p, created.body.id);
    expect(d.offers.length).toBeGreaterThanOrEqual(2);
    const results = await Promise.all(
      d.offers.flatMap((o: any) => [1, 2].map(() => p.call('POST', `/api/parks/${o.parkId}/offers/${o.id}/accept`, undefined, { as: `operator:${o.parkId}` }))),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(results.length - 1);
    expect(results.every((r) => r.status === 200 || typeof r.body.message === 'string')).toBe(true);

    const after = await leadDetail(p, created.body.id);
    expect(after.status).toBe('accepted');
    expect(after.stage).toBe('洽谈');
    expect(after.offers.filter((o: any) => o.status === 'accepted')).toHaveLength(1);
    expect(after.offers.filter((o: any) => o.status === 'withdrawn')).toHaveLength(after.offers.length - 1);

    const accepted = after.offers.find((o: any) => o.status === 'accepted');
    const inbox = await p.call('GET', `/api/parks/${accepted.parkId}/offers?status=accepted`, undefined, { as: `operator:${accepted.parkId}` });
    const mine = inbox.body.items.find((i: any) => i.leadId === created.body.id);
    expect(mine.company).toBe('江苏芯能碳化硅科技有限公司');
    expect(mine.contacts).toEqual([{ name: '张经理', phone: '13800000000' }]);

    // 洽谈 → 签约 → 开工 → 投产, each stamped with time and actor; skipping a step is refused.
    const skip = await p.call('POST', `/api/parks/${accepted.parkId}/leads/${created.body.id}/stage`, { stage: '投产' }, { as: `operator:${accepted.parkId}` });
    expect(skip.status).toBe(409);
    expect(skip.body.message).toContain('签约');
    for (const stage of ['签约', '开工', '投产']) {
      const r = await p.call('POST', `/api/parks/${accepted.parkId}/leads/${created.body.id}/stage`, { stage }, { as: `operator:${accepted.parkId}` });
      expect(r.status).toBe(200);
    }
    const final = await leadDetail(p, created.body.id);
    expect(final.stage).toBe('投产');
    const stages = final.history.filter((e: any) => e.kind === 'stage');
    expect(stages.map((e: any) => e.data.to)).toEqual(['签约', '开工', '投产']);
    expect(stages.every((e: any) => e.actor === `operator-${accepted.parkId}` && e.at)).toBe(true);
    // Another park cannot move it.
    const other = d.offers.find((o: any) => o.parkId !== accepted.parkId);
    expect((await p.call('POST', `/api/parks/${other.parkId}/leads/${created.body.id}/stage`, { stage: '暂停' }, { as: `operator:${other.parkId}` })).status).toBe(404);
  });

  it('declining needs a known reason code; when every park declines the lead goes to review', async () => {
    const created = await p.call('POST', '/api/leads', lead('textile', 'haian'), { as: 'promoter:haian' });
    await p.drain();
    const d = await leadDetail(p, created.body.id);
    const bad = await p.call('POST', `/api/parks/${d.offers[0].parkId}/offers/${d.offers[0].id}/decline`, { reason: 'dunno' }, { as: `operator:${d.offers[0].parkId}` });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('no_space');
    for (const o of d.offers) {
      const r = await p.call('POST', `/api/parks/${o.parkId}/offers/${o.id}/decline`, { reason: 'no_space', note: '地块已满' }, { as: `operator:${o.parkId}` });
      expect(r.status).toBe(200);
    }
    const after = await leadDetail(p, created.body.id);
    expect(after.status).toBe('review');
    expect(after.offers.every((o: any) => o.status === 'declined' && o.declineReason === 'no_space')).toBe(true);
  });

  it('an Idempotency-Key makes a retried create return the first result', async () => {
    const body = lead('hydrogen', 'haimen', { description: '氢能重卡用燃料电池系统集成项目，年产2000套。' });
    const first = await p.call('POST', '/api/leads', body, { as: 'promoter:haimen', headers: { 'Idempotency-Key': 'retry-abc-1' } });
    const again = await p.call('POST', '/api/leads', body, { as: 'promoter:haimen', headers: { 'Idempotency-Key': 'retry-abc-1' } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, created: false });
  });

  it('submissions that arrive together (they share one statement) each get their own lead, code, history and offers; one key stays one lead', async () => {
    const texts = ['碳化硅功率模块封装测试项目', '氢燃料电池电堆制造项目', '高端纺织面料研发生产项目', '海上风电安装船配套项目', '创新药研发中试基地项目', '工业机器人减速器生产项目'];
    const plain = Array.from({ length: 24 }, (_, i) => p.call('POST', '/api/leads', lead('sic', 'tongzhou', { company: `南通并发测试${i + 1}号科技有限公司`, description: `${texts[i % texts.length]}，第${i + 1}期，年产值${i + 3}亿元。` }), { as: 'promoter:tongzhou' }));
    const keyed = Array.from({ length: 6 }, () => p.call('POST', '/api/leads', lead('hydrogen', 'tongzhou', { description: '同一次提交的重试：氢能储运装备项目，一期投资5亿元。' }), { as: 'promoter:tongzhou', headers: { 'Idempotency-Key': 'burst-retry-1' } }));
    const [made, retried] = [await Promise.all(plain), await Promise.all(keyed)];
    expect(made.map((r) => r.status)).toEqual(Array(24).fill(201));
    expect(new Set(made.map((r) => r.body.code)).size).toBe(24);
    expect(retried.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(retried.map((r) => r.body.id)).size).toBe(1);
    await p.drain();
    for (const r of [...made, retried[0]!]) {
      const d = await leadDetail(p, r.body.id);
      expect(d.code).toBe(r.body.code);
      expect(d.history[0].kind).toBe('created');
      expect(d.history.filter((e: any) => e.kind === 'scored')).toHaveLength(1);
      expect(['shared', 'review']).toContain(d.status);
    }
  });

  it('lists leads with filters and pagination', async () => {
    const all = await p.call('GET', '/api/leads?pageSize=2&page=1', undefined, { as: 'manager' });
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(2);
    expect(all.body.total).toBeGreaterThanOrEqual(5);
    const page2 = await p.call('GET', '/api/leads?pageSize=2&page=2', undefined, { as: 'manager' });
    expect(page2.body.items[0].id).not.toBe(all.body.items[0].id);
    const rugao = await p.call('GET', '/api/leads?board=rugao', undefined, { as: 'manager' });
    expect(rugao.body.items.every((l: any) => l.originBoard === 'rugao')).toBe(true);
    const review = await p.call('GET', '/api/leads?status=review', undefined, { as: 'manager' });
    expect(review.body.items.every((l: any) => l.status === 'review')).toBe(true);
    const text = await p.call('GET', '/api/leads?q=' + encodeURIComponent('烘焙'), undefined, { as: 'manager' });
    expect(text.body.items).toHaveLength(1);
    const byPark = await p.call('GET', '/api/leads?park=rugao-dz', undefined, { as: 'manager' });
    expect(byPark.body.items.length).toBeGreaterThan(0);
    const sector = all.body.items[0].primarySector;
    if (sector) expect((await p.call('GET', '/api/leads?sector=' + encodeURIComponent(sector), undefined, { as: 'manager' })).body.items.every((l: any) => l.primarySector?.includes(sector) || l.sector?.includes(sector))).toBe(true); // by substring
    const future = await p.call('GET', '/api/leads?from=2999-01-01', undefined, { as: 'manager' });
    expect(future.body.total).toBe(0);
  });

  it('bad input gets a 4xx a person can act on, never a 500', async () => {
    const cases: [unknown, number, RegExp][] = [
      [{ description: '太短' }, 400, /项目描述/],
      [{ ...lead('sic', 'haian'), originBoard: 'atlantis' }, 400, /板块/],
      [{ ...lead('sic', 'haian'), creditCode: '91320000134785493X' }, 400, /统一社会信用代码/],
      [{ ...lead('sic', 'haian'), amount: { value: -5, unit: '亿元' } }, 400, /投资额/],
      [{ ...lead('sic', 'haian'), channel: '微信招商' }, 400, /招商渠道/],
      [{ ...lead('sic', 'haian'), description: 'x'.repeat(6000) }, 400, /项目描述/],
      [[1, 2, 3], 400, /./],
      ['{not json', 400, /JSON/],
      [{ ...lead('sic', 'haian'), description: 'A'.repeat(300 * 1024) }, 413, /过大/],
    ];
    for (const [body, status, message] of cases) {
      const r = await p.call('POST', '/api/leads', body, { as: 'manager' });
      expect({ status: r.status, ok: message.test(r.body.message) }).toEqual({ status, ok: true });
      expect(JSON.stringify(r.body)).not.toMatch(/at .*\.js:\d+/);
    }
    const q = await p.call('GET', '/api/leads?pageSize=1000', undefined, { as: 'manager' });
    expect(q.status).toBe(400);
    expect(q.body.message).toContain('pageSize');
    const unknown = await p.call('GET', '/api/leads?colour=red', undefined, { as: 'manager' });
    expect(unknown.status).toBe(400);
    expect((await p.call('GET', '/api/leads/does-not-exist', undefined, { as: 'manager' })).status).toBe(404);
  });

  it('webhook notices are delivered with retries: a failing endpoint is retried until it answers', async () => {
    let calls = 0;
    const received: any[] = [];
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c)).on('end', () => {
        calls++;
        if (calls < 2) return res.writeHead(500).end();
        received.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const hook = await p.call('POST', '/api/webhooks', { recipientKind: 'park', recipientId: 'home-textile', url: `http://127.0.0.1:${port}/hook` }, { as: 'operator:home-textile' });
      expect(hook.status).toBe(201);
      await p.call('POST', '/api/leads', lead('textile', 'haian', { description: '高端家纺面料与床品套件智能制造项目，引进喷气织机与数码印花线。' }), { as: 'promoter:haian' });
      const end = Date.now() + 20000;
      while (!received.length && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
      expect(received).toHaveLength(1);
      expect(received[0].kind).toBe('offer');
      expect(calls).toBe(2);
    } finally {
      server.close();
    }
  });
});
