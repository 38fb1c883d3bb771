import { sql } from 'kysely';
import { companyNameSimilarity, normalizeCompanyName } from '#intake';
import { DATABASE_KINDS, databaseForSuite } from './testing/databases.js';
import { migrateToLatest } from './migrate.js';

describe.each(DATABASE_KINDS)('duplicate pairs on %s', (kind) => {
  const h = databaseForSuite(kind, { upTo: '0009-import-progress' });
  beforeAll(async () => {
    // Data as the old rule left it: both directions of one pair (one of them settled), old company keys.
    await sql`insert into boards (id, name, kind) values ('haian', '海安市', 'county'), ('rudong', '如东县', 'county')`.execute(h.db);
    await sql`insert into leads (id, code, origin_board_id, submitter, company, company_norm, description, status) values
      ('l1', 'XS000001', 'haian', 't', '测名微电子（南通）有限公司', '测名微电子', 'x', 'shared'),
      ('l2', 'XS000002', 'rudong', 't', '江苏测名微电子科技有限公司', '江苏测名微电子科技', 'y', 'shared'),
      ('l3', 'XS000003', 'haian', 't', '海安测名微电子有限公司', '海安测名微电子', 'z', 'shared')`.execute(h.db);
    await sql`insert into duplicates (id, lead_id, other_lead_id, reason, similarity, first_report_lead_id, status, settled_by, created_at) values
      ('d-flagged', 'l2', 'l1', 'company_name', 0.6, 'l1', 'flagged', null, now() - interval '1 day'),
      ('d-settled', 'l1', 'l2', 'company_name', 0.6, 'l2', 'confirmed', 'manager', now()),
      ('d-same', 'l3', 'l1', 'company_name', 0.7, 'l1', 'flagged', null, now())`.execute(h.db);
    await migrateToLatest(h.db);
  });

  it('the migration keeps one row per pair (the settled one), marks cross-board pairs and recomputes company keys', async () => {
    const rows = await sql<{ id: string; cross_board: boolean }>`select id, cross_board from duplicates order by id`.execute(h.db);
    expect(rows.rows).toEqual([{ id: 'd-same', cross_board: false }, { id: 'd-settled', cross_board: true }]);
    const keys = await sql<{ company_norm: string }>`select company_norm from leads order by id`.execute(h.db);
    expect(keys.rows.map((r) => r.company_norm)).toEqual(['测名微电子', '测名微电子', '测名微电子']);
  });

  it('a pair cannot be stored twice, in either order', async () => {
    const link = (id: string, a: string, b: string) => h.uow.transaction((r) => r.duplicates.link({ id, leadId: a, otherLeadId: b, reason: 'credit_code', similarity: 1, firstReportLeadId: b, crossBoard: false }));
    await sql`delete from duplicates where id = 'd-same'`.execute(h.db);
    expect(await link('n1', 'l3', 'l1')).toBe(true);
    expect(await link('n2', 'l1', 'l3')).toBe(false);
    expect(await link('n3', 'l3', 'l1')).toBe(false);
    const n = await sql<{ n: number }>`select count(*)::int as n from duplicates where 'l3' in (lead_id, other_lead_id)`.execute(h.db);
    expect(n.rows[0]!.n).toBe(1);
  });

  it('pg_trgm similarity of company keys is the similarity the name threshold was chosen with', async () => {
    const pairs = [['南通海达精密机械有限公司', '南通海大精密机械有限公司'], ['江苏天楹环保能源成套设备有限公司', '天楹环保能源设备（南通）有限公司'], ['Nantong Star Materials Co., Ltd.', 'Nantong Sun Materials Co., Ltd.'], ['中天科技集团有限公司', '中天钢铁集团有限公司']];
    for (const [a, b] of pairs) {
      const [ka, kb] = [normalizeCompanyName(a!), normalizeCompanyName(b!)];
      const r = await sql<{ s: number }>`select similarity(${ka}, ${kb})::float8 as s`.execute(h.db);
      expect({ ka, kb, s: r.rows[0]!.s }).toEqual({ ka, kb, s: expect.closeTo(companyNameSimilarity(ka, kb), 5) });
    }
  });
});
