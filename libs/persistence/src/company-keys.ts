import { sql, type Kysely } from 'kysely';
import { normalizeCompanyName } from '#intake';

/**
 * Rewrites leads.company_norm with the current name rule (libs/intake normalizeCompanyName), in pages.
 * A migration calls it whenever the rule changes, so stored keys and new ones compare alike.
 */
export async function recomputeCompanyKeys(db: Kysely<any>, pageSize = 2000): Promise<number> {
  let after = '';
  let changed = 0;
  for (;;) {
    const rows = await sql<{ id: string; company: string; company_norm: string | null }>`
      select id, company, company_norm from leads where company is not null and id > ${after} order by id limit ${pageSize}`.execute(db);
    if (!rows.rows.length) return changed;
    after = rows.rows[rows.rows.length - 1]!.id;
    const updates = rows.rows.map((r) => ({ id: r.id, key: normalizeCompanyName(r.company) || null })).filter((u, i) => u.key !== rows.rows[i]!.company_norm);
    if (!updates.length) continue;
    await sql`update leads set company_norm = v.key from (values ${sql.join(updates.map((u) => sql`(${u.id}, ${u.key})`))}) as v(id, key) where leads.id = v.id`.execute(db);
    changed += updates.length;
  }
}
