import { sql, type Kysely } from 'kysely';
import { redactLeadText } from '#intake';

/**
 * The de-identified copies of a lead's free text (libs/intake redact.ts), stored beside the raw text so
 * that what a park or another board sees before acceptance, and what its searches look at, is this copy.
 * Existing leads are redacted here, in pages.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('leads').addColumn('description_redacted', 'text').addColumn('sector_redacted', 'text').execute();
  for (let after = ''; ; ) {
    const rows = await db
      .selectFrom('leads')
      .select(['id', 'description', 'sector', 'company', 'credit_code', 'contacts'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (!rows.length) break;
    for (const r of rows) {
      const red = redactLeadText({ description: r.description, sector: r.sector, company: r.company, creditCode: r.credit_code, contacts: r.contacts });
      await db.updateTable('leads').set({ description_redacted: red.description, sector_redacted: red.sector }).where('id', '=', r.id).execute();
    }
    after = rows[rows.length - 1]!.id;
  }
  await sql`alter table leads alter column description_redacted set not null`.execute(db);
}
