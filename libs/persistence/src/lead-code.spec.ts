import { sql } from 'kysely';
import { DATABASE_KINDS, databaseForSuite } from './testing/databases.js';
import type { NewLead } from './lead.repository.js';

const lead = (id: string): NewLead => ({
  id, originBoardId: 'haian', submitter: 't', company: null, companyNorm: null, creditCode: null, description: '碳化硅功率器件项目',
  sector: null, amountValue: null, amountUnit: null, amountWan: null, landMu: null, channel: null, contacts: [],
});

describe.each(DATABASE_KINDS)('lead codes on %s', (kind) => {
  const h = databaseForSuite(kind);
  beforeAll(async () => {
    await sql`insert into boards (id, name, kind) values ('haian', '海安市', 'county') on conflict do nothing`.execute(h.db);
  });

  it('are XS and six digits, and stay distinct past the millionth lead', async () => {
    const first = await h.uow.transaction((r) => r.leads.insert(lead('c1')));
    expect(first.code).toMatch(/^XS\d{6}$/);
    await sql`select setval('lead_code_seq', 999998)`.execute(h.db);
    const batch = await h.uow.transaction((r) => r.leads.insertMany([lead('c2'), lead('c3'), lead('c4')]));
    expect(batch.map((b) => b.code).sort()).toEqual(['XS1000000', 'XS1000001', 'XS999999']);
  });
});
