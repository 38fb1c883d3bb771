import { sql, type SelectQueryBuilder, type Simplify } from 'kysely';

/**
 * One page of `rows` (the filtered query with its selection and order) and how many rows `filtered` matches in
 * all, read side by side: what every paged list answers.
 */
export async function pageOf<DB, TB extends keyof DB, O, R>(
  filtered: SelectQueryBuilder<DB, TB, O>,
  rows: SelectQueryBuilder<DB, TB, R>,
  page: { limit: number; offset: number },
): Promise<{ items: Simplify<R>[]; total: number }> {
  const [items, total] = await Promise.all([
    rows.limit(page.limit).offset(page.offset).execute(),
    // Generic over the tables, kysely cannot work out the row: it is the one column `n`.
    filtered.select(sql<number>`count(*)::int`.as('n')).$castTo<{ n: number }>().executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}
