import { sql } from 'kysely';
import { REDACTION_MARK } from '#intake';
import { DATABASE_KINDS, openTestDatabase } from '../testing/databases.js';
import { migrateToLatest } from '../migrate.js';

describe.each(DATABASE_KINDS)('migration 0011 on %s: leads stored before it get their de-identified text', (kind) => {
  it('redacts the description and sector of existing leads with their own company and contacts', async () => {
    const h = await openTestDatabase(kind, { upTo: '0010-duplicates' });
    try {
      await sql`insert into boards (id, name, kind) values ('haian', '海安市', 'county')`.execute(h.db);
      await sql`insert into leads (id, code, origin_board_id, submitter, company, credit_code, description, sector, contacts, status)
        values ('l1', 'XS000001', 'haian', 'promoter-haian', '江苏澜沧星穹科技有限公司', null,
                '澜沧星穹拟建碳化硅产线，联系人欧阳震华，电话 0513-85123456。', '第三代半导体（澜沧星穹）',
                ${JSON.stringify([{ name: '欧阳震华', phone: '13912345678' }])}::jsonb, 'new')`.execute(h.db);
      await migrateToLatest(h.db);
      const row = await h.db.selectFrom('leads').select(['description', 'description_redacted', 'sector_redacted']).where('id', '=', 'l1').executeTakeFirstOrThrow();
      const M = REDACTION_MARK;
      expect(row).toEqual({
        description: '澜沧星穹拟建碳化硅产线，联系人欧阳震华，电话 0513-85123456。',
        description_redacted: `${M}拟建碳化硅产线，联系人${M}，电话 ${M}。`,
        sector_redacted: `第三代半导体（${M}）`,
      });
    } finally {
      await h.close();
    }
  });
});
