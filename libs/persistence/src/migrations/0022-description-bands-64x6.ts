import { sql, type Kysely } from 'kysely';
import { descriptionBands } from '#intake';

/**
 * The description keys move from 32 bands of 4 rows to 64 bands of 6 (libs/intake description-bands.ts): the same
 * recall at the 0.7 rule, and far fewer unrelated pairs compared, which a large history pays for on every lead.
 * Every lead's keys are recomputed, in pages of one statement each.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (let after = ''; ; ) {
    const rows = await db.selectFrom('leads').select(['id', 'description']).where('id', '>', after).orderBy('id').limit(1000).execute();
    if (!rows.length) break;
    const keys = JSON.stringify(rows.map((r) => ({ id: r.id, bands: descriptionBands(r.description) })));
    await sql`update leads set description_bands = k.bands
      from jsonb_to_recordset(${keys}::jsonb) as k(id text, bands integer[]) where leads.id = k.id`.execute(db);
    after = rows[rows.length - 1]!.id;
  }
}

/** The keys stay as they are: the code that reads them decides their parameters. */
export async function down(): Promise<void> {}
