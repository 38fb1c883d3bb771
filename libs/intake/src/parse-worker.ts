import { createReadStream } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { BatchFileError } from './batch.js';
import { companyListRows, readCompanyRows, type CompanyListSummary } from './company-list.js';
import { readCsvFile } from './csv.js';
import type { CompanyParseRequest, ParseRequest, ParserMessage } from './threaded-batch.js';

/**
 * The thread that parses one uploaded file (see `threaded-batch.ts`): it sends rows in chunks and waits
 * for credit before sending more, so it runs at most a couple of chunks ahead of the database writes.
 */
const request = workerData as ParseRequest | CompanyParseRequest;
// On Linux this lowers only this thread: requests on the main thread get the CPU first.
try {
  setPriority(0, 10);
} catch {
  /* not permitted or not supported: parse at normal priority */
}
const port = parentPort!;
let credit = 2;
let wake: (() => void) | undefined;
port.on('message', (m: { kind: 'more' }) => {
  if (m.kind === 'more') credit++;
  wake?.();
});
const send = (m: ParserMessage<unknown, unknown>) => port.postMessage(m);

/** The rows of the file and the reader's counters: a lead batch, or a company list. */
async function reader(): Promise<{ rows: AsyncIterable<unknown>; summary: object }> {
  if (request.list === 'companies') {
    const summary: CompanyListSummary = { rows: 0, accepted: 0, rejected: 0 };
    return { rows: readCompanyRows(await companyListRows(createReadStream(request.path), request.format), summary), summary };
  }
  const { options } = request;
  // exceljs is large: a CSV import does not load it.
  const batch = request.format === 'xlsx' ? (await import('./xlsx.js')).readXlsxFile(request.path, options) : readCsvFile(request.path, options);
  return { rows: batch, get summary() { return batch.summary; } };
}

async function main(): Promise<void> {
  const batch = await reader();
  let rows: unknown[] = [];
  const flush = async () => {
    while (credit <= 0) await new Promise<void>((r) => (wake = r));
    credit--;
    send({ kind: 'rows', rows, summary: batch.summary });
    rows = [];
  };
  try {
    for await (const r of batch.rows) {
      rows.push(r);
      if (rows.length >= request.chunkRows) await flush();
    }
    if (rows.length) await flush();
    send({ kind: 'end', summary: batch.summary });
  } catch (e) {
    if (rows.length) await flush();
    if (e instanceof BatchFileError) send({ kind: 'file-error', code: e.code, message: e.message, row: e.row, summary: batch.summary });
    else throw e;
  }
  port.close();
}

void main().catch((e: Error) => {
  send({ kind: 'crash', message: e.message });
  port.close();
});
