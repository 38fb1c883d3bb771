import { randomUUID } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { setImmediate as yieldToOthers, setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { loadUnits } from '#catalog';
import { BatchFileError, detectEncoding, readFileInThread, type LeadInput, type RowResult, type ThreadedRead } from '#intake';
import { actorName, isCityWide, type Viewer } from '#domain';
import { JOBS } from '#queues';
import { IMPORT_STATUS, UnitOfWork, type ImportProgress, type RowError } from '#persistence';
import { DomainError, forbidden } from '#errors';
import { LeadService } from './lead.service.js';

/**
 * Rows per transaction. PGlite runs every statement on the event loop over one connection, so there a
 * chunk is small and the import rests between chunks (`rest`): a request waits for at most one chunk per
 * query, and the import gives way while requests are using the database.
 */
const CHUNK = { pglite: 100, postgres: 500 } as const;

export interface UploadedFile {
  path: string;
  originalname: string;
  size: number;
}

/** One import running in this process. */
interface Running {
  read?: ThreadedRead;
  /** Why it is being stopped from outside: the run then writes nothing more. */
  stopping?: 'cancelled' | 'interrupted';
  done: Promise<void>;
}

/**
 * Batch import of CSV / XLSX: a worker thread parses and validates the file (`readFileInThread`), this
 * service stores each chunk of rows with their scoring jobs in one transaction, bad rows with their row
 * number and reason. Progress counts stored, scored and shared leads; the batch is `done` only when the
 * pipeline has taken every stored lead. A row is stored once per (batch, row number).
 */
@Injectable()
export class ImportService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly log = new Logger('ImportService');
  private readonly units = loadUnits();
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly leads: LeadService,
  ) {}

  /** With the embedded database this is the only process: a batch still `running` lost its process. */
  async onModuleInit(): Promise<void> {
    if (this.uow.kind !== 'pglite') return;
    const n = await this.uow.read((r) => r.imports.interruptRunning('平台上次停止时导入被中断；已入库的行保留，请从“已读取到第几行”之后的行重新上传'));
    if (n) this.log.warn(`${n} import(s) left running by the previous process marked interrupted`);
  }

  async start(file: UploadedFile, ctx: { originBoard: string; submitter: string }): Promise<{ id: string; format: 'csv' | 'xlsx' }> {
    const boards = await this.leads.knownBoards();
    if (!boards.has(ctx.originBoard)) {
      await rm(file.path, { force: true });
      throw new DomainError('BOARD_UNKNOWN', `来源板块 ${ctx.originBoard} 不存在；可选：${[...boards].join('、')}`);
    }
    const format = await detectFormat(file);
    if (!format) {
      await rm(file.path, { force: true });
      throw new DomainError('UNSUPPORTED_FILE', '只支持 CSV（UTF-8、GBK 或 UTF-16）或 XLSX 文件；请下载导入模板 /api/imports/template.xlsx 按模板填写');
    }
    const id = randomUUID();
    await this.uow.read((r) => r.imports.create({ id, originBoardId: ctx.originBoard, submitter: ctx.submitter, filename: file.originalname.slice(0, 200), format }));
    const run: Running = { done: Promise.resolve() };
    this.running.set(id, run);
    run.done = this.run(id, run, file, format, ctx, [...boards])
      .catch((e: Error) => this.log.error(`import ${id} stopped: ${e.stack ?? e.message}`))
      .finally(() => {
        this.running.delete(id);
        void rm(file.path, { force: true });
      });
    return { id, format };
  }

  /** A batch is its board's: promoters read only their own board's imports. */
  private async batchFor(id: string, viewer: Viewer) {
    const b = await this.uow.read((r) => r.imports.find(id));
    if (!b) throw new DomainError('IMPORT_NOT_FOUND', `导入批次 ${id} 不存在`);
    if (!isCityWide(viewer) && !(viewer.role === 'promoter' && viewer.boardId === b.origin_board_id)) throw forbidden('只能查看本板块的导入批次');
    return b;
  }

  async status(id: string, viewer: Viewer) {
    let b = await this.batchFor(id, viewer);
    const { scored, shared } = await this.uow.read((r) => r.imports.pipelineCounts(id));
    if (b.status === IMPORT_STATUS.scoring && scored >= b.rows_ok && shared >= b.rows_ok) {
      b = await this.uow.transaction(async (r) => {
        await r.imports.settle(id);
        return (await r.imports.find(id))!;
      });
    }
    const firstErrors = await this.uow.read((r) => r.imports.errors(id, { limit: 100, offset: 0 }));
    return {
      id: b.id, filename: b.filename, format: b.format, encoding: b.encoding, status: b.status, originBoard: b.origin_board_id, submitter: b.submitter,
      rowsRead: b.rows_read, rowsOk: b.rows_ok, rowsFailed: b.rows_failed, lastRow: b.last_row,
      stored: b.rows_ok, scored, shared,
      fileError: b.file_error, fileErrorRow: b.file_error_row, warnings: b.warnings, note: b.note,
      errors: firstErrors, createdAt: b.created_at, finishedAt: b.finished_at,
    };
  }

  /**
   * Stops a running import: the rows stored so far stay (and go on through scoring), the rest of the file
   * is not read. Works across processes: the chunk writer re-reads the status under a row lock.
   */
  async cancel(id: string, viewer: Viewer) {
    const b = await this.batchFor(id, viewer);
    const note = `已由 ${actorName(viewer)} 取消`;
    const cancelled = await this.uow.read((r) => r.imports.finish(id, IMPORT_STATUS.cancelled, { note }));
    if (!cancelled) throw new DomainError('IMPORT_FINISHED', `导入批次已结束（状态：${STATUS_LABEL[b.status] ?? b.status}），无法取消`);
    const run = this.running.get(id);
    if (run) {
      run.stopping = 'cancelled';
      await run.read?.stop();
      await run.done;
    }
    return this.status(id, viewer);
  }

  /** Every row error in row order, then the file-level problems (row `null` when they have none), for the report. */
  async *allErrors(id: string, viewer: Viewer): AsyncGenerator<{ row: number | null; errors: RowError['errors']; source?: RowError['source'] }> {
    const b = await this.batchFor(id, viewer);
    for (let offset = 0; ; offset += 1000) {
      const page = await this.uow.read((r) => r.imports.errors(id, { limit: 1000, offset }));
      yield* page;
      if (page.length < 1000) break;
    }
    if (b.file_error) yield { row: b.file_error_row, errors: [{ field: '文件', message: b.file_error }] };
    for (const w of b.warnings) yield { row: null, errors: [{ field: '文件', message: w.message }] };
    if (b.note && b.status !== IMPORT_STATUS.done) yield { row: null, errors: [{ field: '文件', message: b.note }] };
  }

  /** Resolves when every running import has finished (tests). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()].map((r) => r.done));
  }

  /** Shutdown does not wait for a file: the parser thread is ended, the batch says where it stopped. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(
      [...this.running.entries()].map(async ([id, run]) => {
        run.stopping = 'interrupted';
        await run.read?.stop();
        await run.done;
        const b = await this.uow.read((r) => r.imports.find(id));
        const note = `平台停止，导入在第 ${b?.last_row ?? 0} 行之后中断：此前的行已处理（成功 ${b?.rows_ok ?? 0} 行）；请把第 ${(b?.last_row ?? 0) + 1} 行起的行另存为新文件重新上传`;
        await this.uow.read((r) => r.imports.finish(id, IMPORT_STATUS.interrupted, { note }));
      }),
    );
  }

  /**
   * Between chunks. On PGlite: at least as long as the chunk took, then longer while anything else is
   * using the database (a sign-in, a page, a job), up to a few chunks' time so the import still moves.
   */
  private rest(chunkMs: number): Promise<void> {
    return restBetweenChunks(this.uow, chunkMs);
  }

  private async run(id: string, run: Running, file: UploadedFile, format: 'csv' | 'xlsx', ctx: { originBoard: string; submitter: string }, boards: string[]): Promise<void> {
    const read = readFileInThread({ path: file.path, format, options: { context: ctx, boards, usdToCny: this.units.usdToCny }, chunkRows: CHUNK[this.uow.kind] });
    run.read = read;
    const counts: ImportProgress = { rowsRead: 0, rowsOk: 0, rowsFailed: 0, lastRow: 0 };
    /** Stores one chunk; false when the batch is no longer running (cancelled by anyone, anywhere). */
    const store = async (rows: RowResult[]): Promise<boolean> => {
      const good: { row: number; lead: LeadInput }[] = [];
      const bad: RowError[] = [];
      for (const r of rows) {
        if (r.ok) good.push({ row: r.row, lead: r.lead });
        else bad.push({ row: r.row, errors: r.errors, source: r.source ?? null });
      }
      const next: ImportProgress = {
        rowsRead: counts.rowsRead + rows.length,
        rowsOk: counts.rowsOk + good.length,
        rowsFailed: counts.rowsFailed + bad.length,
        lastRow: rows.at(-1)?.row ?? counts.lastRow,
      };
      const stored = await this.uow.transaction(async (r) => {
        if ((await r.imports.lockStatus(id)) !== IMPORT_STATUS.running) return false;
        const inserted = await r.leads.insertMany(good.map((g) => this.leads.toNewLead(g.lead, { importBatchId: id, importRow: g.row })));
        await r.leads.addEvents(inserted.map((l) => ({ leadId: l.id, kind: 'created', actor: ctx.submitter, data: { importBatchId: id } })));
        await r.outbox.addMany(JOBS.scoreLead, inserted.map((l) => ({ leadId: l.id, scoringRound: 0 })));
        await r.imports.addErrors(id, bad);
        await r.imports.progress(id, { ...next, ...(read.summary.encoding ? { encoding: read.summary.encoding } : {}) });
        return true;
      });
      if (!stored) return false;
      Object.assign(counts, next);
      return true;
    };
    try {
      for await (const rows of read.chunks()) {
        const t0 = performance.now();
        if (run.stopping || !(await store(rows))) return void (await read.stop());
        await this.rest(performance.now() - t0);
      }
      if (run.stopping) return;
      const { warnings } = read.summary;
      const status = counts.rowsRead === 0 ? IMPORT_STATUS.empty : counts.rowsOk > 0 ? IMPORT_STATUS.scoring : IMPORT_STATUS.done;
      await this.uow.read((r) => r.imports.finish(id, status, { warnings }));
    } catch (e) {
      if (run.stopping) return;
      const fileError = e instanceof BatchFileError ? e.message : `读取文件失败：${(e as Error).message}`;
      const fileErrorRow = e instanceof BatchFileError ? (e.row ?? null) : null;
      await this.uow.read((r) => r.imports.finish(id, IMPORT_STATUS.failed, { fileError, fileErrorRow, warnings: read.summary.warnings }));
      if (!(e instanceof BatchFileError)) throw e;
    }
  }
}

const STATUS_LABEL: Record<string, string> = {
  running: '读取中', scoring: '匹配推送中', done: '已完成', failed: '失败', cancelled: '已取消', interrupted: '已中断', empty: '无数据行',
};

/** The pause between two stored chunks of an upload (lead import, company list): see ImportService.rest. */
export async function restBetweenChunks(uow: UnitOfWork, chunkMs: number): Promise<void> {
  if (uow.kind !== 'pglite') return yieldToOthers();
  await sleep(chunkMs);
  const until = performance.now() + 4 * chunkMs + 50;
  while (uow.inFlight().length && performance.now() < until) await sleep(5);
}

/** By content, not by name: an XLSX is a zip ("PK"), anything else is read as CSV text. */
export async function detectFormat(file: UploadedFile): Promise<'csv' | 'xlsx' | undefined> {
  const fh = await open(file.path, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(head, 0, 4096, 0);
    if (head[0] === 0x50 && head[1] === 0x4b) return 'xlsx';
    if (/\.(xls|xlsx|xlsm)$/i.test(file.originalname)) return undefined;
    if (bytesRead === 0) return 'csv'; // an empty file is reported by the reader, in the batch
    const bytes = head.subarray(0, bytesRead);
    // NUL bytes mean binary, except in UTF-16 text (one side of each pair).
    return detectEncoding(bytes).encoding.startsWith('utf-16') || !bytes.includes(0) ? 'csv' : undefined;
  } finally {
    await fh.close();
  }
}
