import { sql } from 'kysely';
import type { CompanyRow } from '#intake';
import type { Executor } from './executor.js';
import type { ProspectReasonRow } from './schema.js';

/** Errors kept per batch (the rest are counted). */
const KEPT_ERRORS = 1000;

/** A company of an uploaded list (its fields as the list reader gives them), placed in its batch. */
export interface NewProspect extends CompanyRow {
  id: string;
  seq: number;
  row: number;
}

/** Company lists (prospect_batches) and their companies (prospects); the park is the owner key of every read. */
export class ProspectRepository {
  constructor(private readonly db: Executor) {}

  async createBatch(b: { id: string; parkId: string; uploadedBy: string; filename: string }): Promise<void> {
    await this.db.insertInto('prospect_batches').values({ id: b.id, park_id: b.parkId, uploaded_by: b.uploadedBy, filename: b.filename, status: 'reading' }).execute();
  }

  /** One chunk of the file: its good rows and its bad rows' errors, with the counters. */
  async addChunk(batchId: string, parkId: string, rows: NewProspect[], errors: { row: number; errors: { field?: string; message: string }[] }[]): Promise<void> {
    if (rows.length)
      await this.db
        .insertInto('prospects')
        .values(rows.map((r) => ({ id: r.id, batch_id: batchId, park_id: parkId, seq: r.seq, row: r.row, name: r.name, credit_code: r.creditCode ?? null, scope: r.scope ?? null, products: r.products ?? null, investments: r.investments ?? null, source: r.source ?? null })))
        .onConflict((oc) => oc.constraint('prospects_batch_seq').doNothing())
        .execute();
    await this.db
      .updateTable('prospect_batches')
      .set({
        rows_read: sql`rows_read + ${rows.length + errors.length}`,
        rows_ok: sql`rows_ok + ${rows.length}`,
        rows_failed: sql`rows_failed + ${errors.length}`,
        errors: errors.length ? sql`case when jsonb_array_length(errors) < ${KEPT_ERRORS} then errors || ${JSON.stringify(errors)}::jsonb else errors end` : sql`errors`,
      })
      .where('id', '=', batchId)
      .execute();
  }

  async finishReading(batchId: string, fileError: string | null): Promise<void> {
    await this.db.updateTable('prospect_batches').set({ status: fileError ? 'failed' : 'scoring', file_error: fileError, finished_at: new Date() }).where('id', '=', batchId).execute();
  }

  async batch(id: string) {
    const b = await this.db.selectFrom('prospect_batches').selectAll().where('id', '=', id).executeTakeFirst();
    if (!b) return undefined;
    const s = await this.db.selectFrom('prospects').select(sql<number>`count(*)::int`.as('n')).where('batch_id', '=', id).where('scored_at', 'is not', null).executeTakeFirstOrThrow();
    return { ...b, scored: s.n };
  }

  /** The rows of one scoring chunk (by position in the file). */
  chunk(batchId: string, from: number, to: number) {
    return this.db.selectFrom('prospects').selectAll().where('batch_id', '=', batchId).where('seq', '>=', from).where('seq', '<', to).orderBy('seq').execute();
  }

  async setScores(rows: { id: string; score: number; reasons: ProspectReasonRow[]; scenarios: { id: string; title: string; score: number }[] }[]): Promise<void> {
    if (!rows.length) return;
    // one statement per chunk: PGlite runs statements on the event loop, and a chunk of single updates would hold it longer
    const values = sql.join(rows.map((r) => sql`(${r.id}, ${r.score}::double precision, ${JSON.stringify(r.reasons)}::jsonb, ${JSON.stringify(r.scenarios)}::jsonb)`));
    await sql`update prospects p set score = v.score, reasons = v.reasons, scenarios = v.scenarios, scored_at = now()
              from (values ${values}) as v(id, score, reasons, scenarios) where p.id = v.id`.execute(this.db);
  }

  async list(parkId: string, f: { status?: string; batchId?: string }, page: { limit: number; offset: number }) {
    let q = this.db.selectFrom('prospects').where('park_id', '=', parkId);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.batchId) q = q.where('batch_id', '=', f.batchId);
    const [items, count] = await Promise.all([
      q.selectAll().orderBy(sql`score desc nulls last`).orderBy('id').limit(page.limit).offset(page.offset).execute(),
      q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: count.n };
  }

  statsByPark() {
    return this.db.selectFrom('prospects').select(['park_id', 'status', sql<number>`count(*)::int`.as('n')]).groupBy(['park_id', 'status']).execute();
  }

  /** Scenarios answered: those a prospect fitted when it was turned into a lead (docs/proactive.md). */
  async answeredScenarios(): Promise<string[]> {
    const r = await sql<{ id: string }>`
      select distinct s->>'id' as id from prospects p cross join lateral jsonb_array_elements(p.scenarios) s
      where p.status = 'lead' and p.scenarios is not null`.execute(this.db);
    return r.rows.map((x) => x.id);
  }

  findForUpdate(parkId: string, id: string) {
    return this.db.selectFrom('prospects').selectAll().where('id', '=', id).where('park_id', '=', parkId).forUpdate().executeTakeFirst();
  }

  async decide(id: string, d: { status: 'lead' | 'dismissed'; leadId?: string; reason?: string; actor: string }): Promise<void> {
    await this.db.updateTable('prospects').set({ status: d.status, lead_id: d.leadId ?? null, dismiss_reason: d.reason ?? null, decided_by: d.actor, decided_at: new Date() }).where('id', '=', id).execute();
  }
}
