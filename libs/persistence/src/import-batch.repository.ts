import type { Executor } from './executor.js';

export type RowError = { row: number; errors: { field?: string; message: string }[] };

/** An upload's progress; its row errors live in import_errors so a file of bad rows stays cheap to update. */
export class ImportBatchRepository {
  constructor(private readonly db: Executor) {}

  async create(b: { id: string; originBoardId: string; submitter: string; filename: string; format: string }): Promise<void> {
    await this.db
      .insertInto('import_batches')
      .values({ id: b.id, origin_board_id: b.originBoardId, submitter: b.submitter, filename: b.filename, format: b.format, status: 'running', errors: '[]' })
      .execute();
  }

  async progress(id: string, p: { rowsRead: number; rowsOk: number; rowsFailed: number }): Promise<void> {
    await this.db.updateTable('import_batches').set({ rows_read: p.rowsRead, rows_ok: p.rowsOk, rows_failed: p.rowsFailed }).where('id', '=', id).execute();
  }

  async addErrors(id: string, errors: RowError[]): Promise<void> {
    if (!errors.length) return;
    await this.db
      .insertInto('import_errors')
      .values(errors.map((e) => ({ batch_id: id, row: e.row, errors: JSON.stringify(e.errors) })))
      .onConflict((oc) => oc.columns(['batch_id', 'row']).doNothing())
      .execute();
  }

  async errors(id: string, page: { limit: number; offset: number }): Promise<RowError[]> {
    const rows = await this.db.selectFrom('import_errors').select(['row', 'errors']).where('batch_id', '=', id).orderBy('row').limit(page.limit).offset(page.offset).execute();
    return rows.map((r) => ({ row: r.row, errors: r.errors }));
  }

  async finish(id: string, status: 'done' | 'failed', fileError: string | null = null): Promise<void> {
    await this.db.updateTable('import_batches').set({ status, file_error: fileError, finished_at: new Date() }).where('id', '=', id).execute();
  }

  async find(id: string) {
    return this.db.selectFrom('import_batches').selectAll().where('id', '=', id).executeTakeFirst();
  }
}
