import type { Executor } from './executor.js';

export type RowError = { row: number; errors: { field?: string; message: string }[] };

export class ImportBatchRepository {
  constructor(private readonly db: Executor) {}

  async create(b: { id: string; originBoardId: string; submitter: string; filename: string; format: string }): Promise<void> {
    await this.db
      .insertInto('import_batches')
      .values({ id: b.id, origin_board_id: b.originBoardId, submitter: b.submitter, filename: b.filename, format: b.format, status: 'running', errors: '[]' })
      .execute();
  }

  async progress(id: string, p: { rowsRead: number; rowsOk: number; rowsFailed: number; errors: RowError[] }): Promise<void> {
    await this.db
      .updateTable('import_batches')
      .set({ rows_read: p.rowsRead, rows_ok: p.rowsOk, rows_failed: p.rowsFailed, errors: JSON.stringify(p.errors) })
      .where('id', '=', id)
      .execute();
  }

  async finish(id: string, status: 'done' | 'failed', fileError: string | null = null): Promise<void> {
    await this.db.updateTable('import_batches').set({ status, file_error: fileError, finished_at: new Date() }).where('id', '=', id).execute();
  }

  async find(id: string) {
    return this.db.selectFrom('import_batches').selectAll().where('id', '=', id).executeTakeFirst();
  }
}
