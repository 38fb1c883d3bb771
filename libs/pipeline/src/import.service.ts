import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { loadUnits } from '#catalog';
import { BatchFileError, readCsvLeads, readXlsxLeads, type LeadInput, type RowResult } from '#intake';
import { isCityWide, type Viewer } from '#domain';
import { JOBS } from '#queues';
import { type RowError, UnitOfWork } from '#persistence';
import { forbidden, invalid, notFound } from './domain-error.js';
import { LeadService } from './lead.service.js';

const CHUNK = 500;

export interface UploadedFile {
  path: string;
  originalname: string;
  size: number;
}

/**
 * Batch import of CSV / XLSX: the file is read as a stream, good rows are stored in chunks with their
 * scoring jobs, bad rows are kept with their row number and reason, progress is visible while it runs.
 * A row is stored once per (batch, row number), so a retried chunk adds nothing twice.
 */
@Injectable()
export class ImportService implements OnApplicationShutdown {
  private readonly log = new Logger('ImportService');
  private readonly units = loadUnits();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly leads: LeadService,
  ) {}

  async start(file: UploadedFile, ctx: { originBoard: string; submitter: string }): Promise<{ id: string; format: 'csv' | 'xlsx' }> {
    const boards = await this.leads.knownBoards();
    if (!boards.has(ctx.originBoard)) {
      await rm(file.path, { force: true });
      throw invalid(`来源板块 ${ctx.originBoard} 不存在；可选：${[...boards].join('、')}`);
    }
    const format = await detectFormat(file);
    if (!format) {
      await rm(file.path, { force: true });
      throw invalid('只支持 CSV（UTF-8）或 XLSX 文件；请下载导入模板 /api/imports/template.xlsx 按模板填写');
    }
    const id = randomUUID();
    await this.uow.read((r) => r.imports.create({ id, originBoardId: ctx.originBoard, submitter: ctx.submitter, filename: file.originalname.slice(0, 200), format }));
    const job = this.run(id, file, format, ctx)
      .catch((e: Error) => this.log.error(`import ${id} stopped: ${e.stack ?? e.message}`))
      .finally(() => {
        this.running.delete(job);
        void rm(file.path, { force: true });
      });
    this.running.add(job);
    return { id, format };
  }

  /** A batch is its board's: promoters read only their own board's imports. */
  private async batchFor(id: string, viewer: Viewer) {
    const b = await this.uow.read((r) => r.imports.find(id));
    if (!b) throw notFound(`导入批次 ${id} 不存在`);
    if (!isCityWide(viewer) && !(viewer.role === 'promoter' && viewer.boardId === b.origin_board_id)) throw forbidden('只能查看本板块的导入批次');
    return b;
  }

  async status(id: string, viewer: Viewer) {
    const b = await this.batchFor(id, viewer);
    const firstErrors = await this.uow.read((r) => r.imports.errors(id, { limit: 100, offset: 0 }));
    return {
      id: b.id, filename: b.filename, format: b.format, status: b.status, originBoard: b.origin_board_id, submitter: b.submitter,
      rowsRead: b.rows_read, rowsOk: b.rows_ok, rowsFailed: b.rows_failed, fileError: b.file_error,
      errors: firstErrors, createdAt: b.created_at, finishedAt: b.finished_at,
    };
  }

  /** Every row error, in row order, for the downloadable error report. */
  async *allErrors(id: string, viewer: Viewer): AsyncGenerator<RowError> {
    await this.batchFor(id, viewer);
    for (let offset = 0; ; offset += 1000) {
      const page = await this.uow.read((r) => r.imports.errors(id, { limit: 1000, offset }));
      yield* page;
      if (page.length < 1000) return;
    }
  }

  /** Resolves when every running import has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.idle();
  }

  private async run(id: string, file: UploadedFile, format: 'csv' | 'xlsx', ctx: { originBoard: string; submitter: string }): Promise<void> {
    const options = { context: ctx, boards: await this.leads.knownBoards(), usdToCny: this.units.usdToCny };
    const stream = createReadStream(file.path);
    const batch = format === 'xlsx' ? readXlsxLeads(stream, options) : readCsvLeads(stream, options);
    const counts = { rowsRead: 0, rowsOk: 0, rowsFailed: 0 };
    let good: { row: number; lead: LeadInput }[] = [];
    let bad: RowError[] = [];
    const flush = async () => {
      const chunk = good;
      const errors = bad;
      good = [];
      bad = [];
      await this.uow.transaction(async (r) => {
        const inserted = await r.leads.insertMany(chunk.map((g) => this.leads.toNewLead(g.lead, { importBatchId: id, importRow: g.row })));
        await r.leads.addEvents(inserted.map((l) => ({ leadId: l.id, kind: 'created', actor: ctx.submitter, data: { importBatchId: id } })));
        await r.outbox.addMany(JOBS.scoreLead, inserted.map((l) => ({ leadId: l.id, scoringRound: 0 })));
        await r.imports.addErrors(id, errors);
        await r.imports.progress(id, counts);
      });
    };
    try {
      for await (const row of batch as AsyncIterable<RowResult>) {
        counts.rowsRead++;
        if (row.ok) {
          counts.rowsOk++;
          good.push({ row: row.row, lead: row.lead });
        } else {
          counts.rowsFailed++;
          bad.push({ row: row.row, errors: row.errors });
        }
        if (good.length + bad.length >= CHUNK) await flush();
      }
      await flush();
      await this.uow.read((r) => r.imports.finish(id, 'done'));
    } catch (e) {
      await flush();
      const message = e instanceof BatchFileError ? e.message : `读取文件失败：${(e as Error).message}`;
      await this.uow.read((r) => r.imports.finish(id, 'failed', message));
      if (!(e instanceof BatchFileError)) throw e;
    }
  }
}

/** By content, not by name: an XLSX is a zip ("PK"), anything else is read as CSV text. */
async function detectFormat(file: UploadedFile): Promise<'csv' | 'xlsx' | undefined> {
  const fh = await open(file.path, 'r');
  try {
    const head = Buffer.alloc(4);
    await fh.read(head, 0, 4, 0);
    if (head[0] === 0x50 && head[1] === 0x4b) return 'xlsx';
    if (/\.(xls|xlsx|xlsm)$/i.test(file.originalname)) return undefined;
    if (head.includes(0)) return undefined;
    return 'csv';
  } finally {
    await fh.close();
  }
}
