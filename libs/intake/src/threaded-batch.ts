import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BatchFileError, type BatchFileErrorCode, type BatchSummary, type RowResult } from './batch.js';
import type { CompanyListSummary, CompanyRowResult } from './company-list.js';
import { IMPORT_LIMITS } from './limits.js';

/**
 * Parsing an uploaded file off the event loop: a worker thread reads and validates the rows
 * (`parse-worker.ts`) and hands them over in chunks, while the caller writes them to the database.
 * The thread's heap is capped (`IMPORT_LIMITS.parserHeapMb`), and `stop()` ends it at once (cancel,
 * shutdown) whatever it is doing.
 */
export interface ParseRequest {
  /** leads (the default) or a company list (招商对象名单, company-list.ts) */
  list?: 'leads';
  path: string;
  format: 'csv' | 'xlsx';
  options: { context: { originBoard: string; submitter: string }; boards?: string[]; usdToCny?: number; maxRows?: number };
  chunkRows: number;
}

export interface CompanyParseRequest {
  list: 'companies';
  path: string;
  format: 'csv' | 'xlsx';
  chunkRows: number;
}

export type ParserMessage<R = RowResult, S = BatchSummary> =
  | { kind: 'rows'; rows: R[]; summary: S }
  | { kind: 'end'; summary: S }
  | { kind: 'file-error'; code: BatchFileErrorCode; message: string; row?: number; summary: S }
  | { kind: 'crash'; message: string };

export interface ThreadedRead<R = RowResult, S = BatchSummary> {
  /** Chunks of row results in row order; throws `BatchFileError` for a file-level problem. Ends early after `stop()`. */
  chunks(): AsyncGenerator<R[]>;
  /** The reader's counters as of the last chunk. */
  readonly summary: S;
  /** Ends the thread now; `chunks()` then ends. */
  stop(): Promise<void>;
}

/** The compiled worker script: beside this file in dist/, or dist's copy when this file runs as TypeScript (tests). */
function workerScript(): URL {
  const here = new URL('./parse-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = new URL(here.href.replace(/\/libs\/intake\/src\/parse-worker\.js$/, '/dist/libs/intake/src/parse-worker.js'));
  if (!existsSync(fileURLToPath(built))) throw new Error(`the import parser ${fileURLToPath(built)} is missing: run npm run build`);
  return built;
}

export function readFileInThread(request: ParseRequest): ThreadedRead {
  return parserThread<RowResult, BatchSummary>(request, { rows: 0, accepted: 0, rejected: 0, blank: 0, overLimit: 0, warnings: [], done: false });
}

/** A company list (招商对象名单) read and checked in the same kind of thread. */
export function readCompanyListInThread(request: Omit<CompanyParseRequest, 'list'>): ThreadedRead<CompanyRowResult, CompanyListSummary> {
  return parserThread<CompanyRowResult, CompanyListSummary>({ ...request, list: 'companies' }, { rows: 0, accepted: 0, rejected: 0 });
}

function parserThread<R, S>(request: ParseRequest | CompanyParseRequest, initial: S): ThreadedRead<R, S> {
  const worker = new Worker(workerScript(), { workerData: request, resourceLimits: { maxOldGenerationSizeMb: IMPORT_LIMITS.parserHeapMb } });
  const inbox: (ParserMessage<R, S> | { kind: 'exit'; error?: Error })[] = [];
  let wake: (() => void) | undefined;
  let stopped = false;
  let summary: S = initial;
  const push = (m: (typeof inbox)[number]) => {
    inbox.push(m);
    wake?.();
  };
  let failure: Error | undefined;
  worker.on('message', (m: ParserMessage<R, S>) => push(m));
  worker.on('error', (e) => (failure = e));
  worker.on('exit', () => push({ kind: 'exit', error: failure }));

  async function* chunks(): AsyncGenerator<R[]> {
    try {
      for (;;) {
        while (!inbox.length) await new Promise<void>((r) => (wake = r));
        const m = inbox.shift()!;
        if (stopped) return;
        switch (m.kind) {
          case 'rows':
            summary = m.summary;
            worker.postMessage({ kind: 'more' });
            yield m.rows;
            break;
          case 'end':
            summary = m.summary;
            return;
          case 'file-error':
            summary = m.summary;
            throw new BatchFileError(m.code, m.message, m.row);
          case 'crash':
            throw new Error(`读取文件失败：${m.message}`);
          case 'exit':
            if (stopped) return;
            if ((m.error as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
              throw new BatchFileError('too-large', `解析该文件所需的内存超过 ${IMPORT_LIMITS.parserHeapMb} MB 的上限，已停止读取；请删除多余的内容或拆分为多个文件后再上传`);
            }
            throw new Error(`读取文件失败：${m.error?.message ?? '解析线程意外退出'}`);
        }
      }
    } finally {
      if (!stopped) {
        stopped = true;
        await worker.terminate();
      }
    }
  }

  return {
    chunks,
    get summary() {
      return summary;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      wake?.();
      await worker.terminate();
    },
  };
}
