/**
 * Every limit of a batch import, in one place (README and docs/intake.md list them). A file past a
 * file-level limit is refused with a Chinese message before it costs the platform more than the limit;
 * a row or cell past its limit is a row error, and the other rows are kept.
 */
export const IMPORT_LIMITS = {
  /** Upload size (bytes). 100,000 rows of a few hundred bytes fit well inside it. */
  maxUploadBytes: 80 * 1024 * 1024,
  /** Data rows per file; rows past it are reported one by one, never dropped silently. */
  maxRows: 100_000,
  /** Cells per row (the template has 11): a wider header is a file error, a wider row a row error. */
  maxColumns: 100,
  /** Characters per cell (a description may have 5,000). */
  maxCellChars: 20_000,
  /** Characters of one CSV record (all its cells): past it reading stops (an unclosed quote, or not a CSV). */
  maxCsvRecordChars: 1_000_000,
  /** XLSX: the total of all zip entries once unzipped, counted while inflating, before the workbook is parsed. */
  maxXlsxUnzippedBytes: 300 * 1024 * 1024,
  /** XLSX: zip entries (a workbook has a dozen). */
  maxXlsxEntries: 2_000,
  /** Heap of the thread that parses one file (MB): a file that needs more stops with a file error. */
  parserHeapMb: 512,
} as const;

export type ImportLimits = typeof IMPORT_LIMITS;

const MB = 1024 * 1024;
/** `80 MB` for messages. */
export const megabytes = (bytes: number) => `${Math.round(bytes / MB)} MB`;

/** Every limit of an attachment (附件) of a lead, in one place. */
export const ATTACHMENT_LIMITS = {
  /** Upload size (bytes): a scanned contract of a few dozen pages fits. */
  maxBytes: 20 * 1024 * 1024,
  /** Office files (zips): all entries once unzipped, counted while inflating (a zip bomb stops here). */
  maxUnzippedBytes: 100 * 1024 * 1024,
  /** Characters of a stored file name (its extension kept). */
  maxNameChars: 100,
  /** Attachments per lead. */
  maxPerLead: 50,
} as const;
