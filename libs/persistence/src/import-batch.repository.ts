import { sql } from 'kysely';
import type { Executor } from './executor.js';
import { LEAD_STATUS } from './lead.repository.js';

export type RowError = { row: number; errors: { field?: string; message: string }[]; source?: [string, string][] | null };

/**
 * An import's status. `running`: the file is being read; `scoring`: read to its end, its leads are still
 * being scored and shared; `done`: every stored lead is scored and shared. `failed` (file-level error),
 * `cancelled`, `interrupted` (the platform stopped) and `empty` (no data rows) end an import too; the
 * rows stored before them stay.
 */
export const IMPORT_STATUS = {
  running: 'running',
  scoring: 'scoring',
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
  interrupted: 'interrupted',
  empty: 'empty',
} as const;
export type ImportStatus = (typeof IMPORT_STATUS)[keyof typeof IMPORT_STATUS];

export interface ImportProgress {
  rowsRead: number;
  rowsOk: number;
  rowsFailed: number;
  /** The last sheet row of the stored chunk. */
  lastRow: number;
}

/** An upload's progress; its row errors live in import_errors so a file of bad rows stays cheap to update. */
export class ImportBatchRepository {
  constructor(private readonly db: Executor) {}

  async create(b: { id: string; originBoardId: string; submitter: string; filename: string; format: string }): Promise<void> {
    await this.db
      .insertInto('import_batches')
      .values({ id: b.id, origin_board_id: b.originBoardId, submitter: b.submitter, filename: b.filename, format: b.format, status: IMPORT_STATUS.running, errors: '[]' })
      .execute();
  }

  /** Inside the chunk's transaction: locks the batch row, so a cancel waits for the chunk or the chunk sees the cancel. */
  async lockStatus(id: string): Promise<string | undefined> {
    const r = await this.db.selectFrom('import_batches').select('status').where('id', '=', id).forUpdate().executeTakeFirst();
    return r?.status;
  }

  async progress(id: string, p: ImportProgress & { encoding?: string }): Promise<void> {
    await this.db
      .updateTable('import_batches')
      .set({ rows_read: p.rowsRead, rows_ok: p.rowsOk, rows_failed: p.rowsFailed, last_row: p.lastRow, ...(p.encoding ? { encoding: p.encoding } : {}) })
      .where('id', '=', id)
      .execute();
  }

  async addErrors(id: string, errors: RowError[]): Promise<void> {
    if (!errors.length) return;
    await this.db
      .insertInto('import_errors')
      .values(errors.map((e) => ({ batch_id: id, row: e.row, errors: JSON.stringify(e.errors), source: e.source ? JSON.stringify(e.source) : null })))
      .onConflict((oc) => oc.columns(['batch_id', 'row']).doNothing())
      .execute();
  }

  async errors(id: string, page: { limit: number; offset: number }): Promise<RowError[]> {
    const rows = await this.db.selectFrom('import_errors').select(['row', 'errors', 'source']).where('batch_id', '=', id).orderBy('row').limit(page.limit).offset(page.offset).execute();
    return rows.map((r) => ({ row: r.row, errors: r.errors, ...(r.source ? { source: r.source } : {}) }));
  }

  /**
   * Ends a running batch (compare-and-set: a batch cancelled meanwhile stays cancelled). Returns whether
   * it was still running. `scoring` is not final: `settle` moves it to `done`.
   */
  async finish(
    id: string,
    status: Exclude<ImportStatus, 'running'>,
    more: { fileError?: string | null; fileErrorRow?: number | null; warnings?: { code: string; message: string }[]; note?: string | null } = {},
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('import_batches')
      .set({
        status,
        ...(more.fileError !== undefined ? { file_error: more.fileError, file_error_row: more.fileErrorRow ?? null } : {}),
        ...(more.warnings ? { warnings: JSON.stringify(more.warnings) } : {}),
        ...(more.note !== undefined ? { note: more.note } : {}),
        ...(status === IMPORT_STATUS.scoring ? {} : { finished_at: new Date() }),
      })
      .where('id', '=', id)
      .where('status', '=', IMPORT_STATUS.running)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** `scoring` → `done` once every stored lead is scored and shared. */
  async settle(id: string): Promise<void> {
    await this.db.updateTable('import_batches').set({ status: IMPORT_STATUS.done, finished_at: new Date() }).where('id', '=', id).where('status', '=', IMPORT_STATUS.scoring).execute();
  }

  /** How far the pipeline has taken the batch's leads: scored (a current ranking), shared (offered or sent to review, or beyond). */
  async pipelineCounts(id: string): Promise<{ scored: number; shared: number }> {
    const r = await this.db
      .selectFrom('leads')
      .select([
        sql<number>`count(*) filter (where current_ranking_id is not null)::int`.as('scored'),
        sql<number>`count(*) filter (where status <> ${LEAD_STATUS.new})::int`.as('shared'),
      ])
      .where('import_batch_id', '=', id)
      .executeTakeFirstOrThrow();
    return { scored: r.scored, shared: r.shared };
  }

  /** The imports not finished yet (reading their file, or their leads still being scored), summed by status, for /metrics. */
  async unfinishedProgress(): Promise<{ status: string; imports: number; rowsRead: number; rowsOk: number; rowsFailed: number; scored: number; shared: number }[]> {
    const open = [IMPORT_STATUS.running, IMPORT_STATUS.scoring];
    const rows = await this.db
      .selectFrom('import_batches as b')
      .leftJoin('leads as l', 'l.import_batch_id', 'b.id')
      .select([
        'b.status',
        sql<number>`count(distinct b.id)::int`.as('imports'),
        sql<number>`count(l.id) filter (where l.current_ranking_id is not null)::int`.as('scored'),
        sql<number>`count(l.id) filter (where l.status <> ${LEAD_STATUS.new})::int`.as('shared'),
      ])
      .where('b.status', 'in', open)
      .groupBy('b.status')
      .execute();
    const totals = await this.db
      .selectFrom('import_batches')
      .select(['status', sql<number>`sum(rows_read)::int`.as('read'), sql<number>`sum(rows_ok)::int`.as('ok'), sql<number>`sum(rows_failed)::int`.as('failed')])
      .where('status', 'in', open)
      .groupBy('status')
      .execute();
    return rows.map((r) => {
      const t = totals.find((x) => x.status === r.status);
      return { status: r.status, imports: r.imports, rowsRead: t?.read ?? 0, rowsOk: t?.ok ?? 0, rowsFailed: t?.failed ?? 0, scored: r.scored, shared: r.shared };
    });
  }

  /** Batches left `running` by a process that is gone (the embedded database has one process: all of them). */
  async interruptRunning(note: string): Promise<number> {
    const r = await this.db
      .updateTable('import_batches')
      .set({ status: IMPORT_STATUS.interrupted, note, finished_at: new Date() })
      .where('status', '=', IMPORT_STATUS.running)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async find(id: string) {
    return this.db.selectFrom('import_batches').selectAll().where('id', '=', id).executeTakeFirst();
  }
}
