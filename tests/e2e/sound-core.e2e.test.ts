import { creditCodeCheckChar, orgCodeCheckChar } from '#intake';
import { DATABASE_KINDS } from '../support/databases.js';
import { lead } from '../support/leads.js';
import { platformForSuite } from '../support/platform.js';

/** A valid 统一社会信用代码 (both check characters computed). */
function creditCode(seed: number): string {
  const org = String(10000000 + seed).slice(-8);
  const body = `91320600${org}${orgCodeCheckChar(org)}`;
  return body + creditCodeCheckChar(body);
}

describe.each(DATABASE_KINDS)('sound core flows on %s', (db) => {
  // A long poll: a lead is only scored quickly if its commit nudges the relay itself.
  const p = platformForSuite({ db, env: { OUTBOX_POLL_MS: '60000', DB_ACQUIRE_TIMEOUT_MS: '1500', REQUEST_TIMEOUT_MS: '4000' } });

  it('a manager settles a 项目撞车 and the platform keeps answering (it hung PGlite before)', async () => {
    const code = creditCode(Math.floor(Math.random() * 1e7));
    const a = await p.call('POST', '/api/leads', lead('sic', 'haian', { creditCode: code }), { as: 'promoter:haian' });
    const b = await p.call('POST', '/api/leads', lead('sic', 'rudong', { creditCode: code, company: '芯能碳化硅（南通）有限公司' }), { as: 'promoter:rudong' });
    expect([a.status, b.status]).toEqual([201, 201]);
    await p.drain();
    const list = await p.call('GET', '/api/duplicates?status=flagged', undefined, { as: 'manager' });
    const pair = list.body.items.find((d: any) => [d.lead_id, d.other_lead_id].sort().join() === [a.body.id, b.body.id].sort().join());
    expect(pair).toBeDefined();
    const settled = await p.call('POST', `/api/duplicates/${pair.id}/settle`, { status: 'confirmed', firstReportLeadId: a.body.id, comment: '同一企业同一项目，海安先报' }, { as: 'manager' });
    expect(settled.status).toBe(200);
    expect(settled.body).toMatchObject({ status: 'confirmed', first_report_lead_id: a.body.id });
    const health = await p.call('GET', '/health');
    expect(health.body.database.status).toBe('up');
    const history = (await p.call('GET', `/api/leads/${b.body.id}`, undefined, { as: 'manager' })).body.history.map((e: any) => e.kind);
    expect(history).toContain('duplicate-settled');
  });

  it('a committed lead is scored and shared at once, without waiting for the relay poll', async () => {
    const created = await p.call('POST', '/api/leads', lead('hydrogen', 'rugao'), { as: 'promoter:rugao' });
    const t0 = Date.now();
    let status = 'new';
    while (status === 'new' && Date.now() - t0 < 20000) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await p.call('GET', `/api/leads/${created.body.id}`, undefined, { as: 'manager' })).body.status;
    }
    expect(status).toBe('shared');
  });

  it('while every connection is held, requests get a Chinese 503 within the bound, /health names the holder, and all recovers after', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const uow = p.database.uow;
    const holders = Array.from({ length: db === 'pglite' ? 1 : 10 }, () => uow.labelled('test: a held transaction', () => uow.transaction(() => gate)));
    try {
      await new Promise((r) => setTimeout(r, 100));
      const t0 = Date.now();
      const parks = await p.call('GET', '/api/parks');
      expect(parks.status).toBe(503);
      expect(parks.body.message).toMatch(/数据库繁忙.*请稍后重试/);
      expect(parks.headers.get('retry-after')).toBe('5');
      expect(Date.now() - t0).toBeLessThan(4000);
      const health = await p.call('GET', '/health');
      expect(health.status).toBe(503);
      expect(health.body.database.status).toBe('down');
      expect(health.body.database.detail).toContain('test: a held transaction');
    } finally {
      release();
      await Promise.all(holders);
    }
    expect((await p.call('GET', '/api/parks')).status).toBe(200);
    expect((await p.call('GET', '/api/auth/me', undefined, { as: 'manager' })).status).toBe(200);
  });
});

describe('a request is bounded even when the database wait is longer (PGlite, the embedded default)', () => {
  const p = platformForSuite({ db: 'pglite', env: { DB_ACQUIRE_TIMEOUT_MS: '20000', REQUEST_TIMEOUT_MS: '1000' } });

  it('answers 503 in Chinese at the request bound while a transaction holds the only connection', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const held = p.database.uow.transaction(() => gate);
    try {
      const t0 = Date.now();
      const r = await p.call('GET', '/api/parks');
      expect(r.status).toBe(503);
      expect(r.body.message).toContain('请求在 1 秒内未能完成');
      expect(Date.now() - t0).toBeLessThan(3000);
    } finally {
      release();
      await held;
    }
    expect((await p.call('GET', '/api/parks')).status).toBe(200);
  });
});
