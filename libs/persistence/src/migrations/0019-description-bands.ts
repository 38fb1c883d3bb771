import { sql, type Kysely } from 'kysely';
import { descriptionBands } from '#intake';

/**
 * The duplicate key of each lead's description (libs/intake description-bands.ts): MinHash/LSH band keys with a
 * GIN index, so the 项目撞车 search looks up candidates by key instead of comparing every lead of a sector.
 * Existing leads get their keys here, in pages of one statement each.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('leads').addColumn('description_bands', sql`integer[]`).execute();
  for (let after = ''; ; ) {
    const rows = await db.selectFrom('leads').select(['id', 'description']).where('id', '>', after).orderBy('id').limit(1000).execute();
    if (!rows.length) break;
    const keys = JSON.stringify(rows.map((r) => ({ id: r.id, bands: descriptionBands(r.description) })));
    await sql`update leads set description_bands = k.bands
      from jsonb_to_recordset(${keys}::jsonb) as k(id text, bands integer[]) where leads.id = k.id`.execute(db);
    after = rows[rows.length - 1]!.id;
  }
  await sql`alter table leads alter column description_bands set not null`.execute(db);
  await sql`create index leads_description_bands on leads using gin (description_bands)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('leads_description_bands').execute();
  await db.schema.alterTable('leads').dropColumn('description_bands').execute();
}
