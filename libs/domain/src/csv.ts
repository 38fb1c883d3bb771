/**
 * The one CSV writer (RFC 4180): fields quoted when they hold a comma, quote or line break; CRLF line ends.
 * Text a spreadsheet would run as a formula or DDE (starting with = + - @, tab or CR) gets a leading apostrophe;
 * numbers are written as numbers, so a negative amount stays a number.
 */
export type CsvCell = string | number | null | undefined;

export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  const text = typeof cell === 'number' ? String(cell) : neutralizeFormula(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, with its CRLF. */
export function toCsvLine(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

/** A whole CSV text; a UTF-8 byte-order mark is prepended by default so Excel opens Chinese text correctly. */
export function toCsvText(lines: readonly (readonly CsvCell[])[], options: { bom?: boolean } = {}): string {
  return (options.bom === false ? '' : '\uFEFF') + lines.map(toCsvLine).join('');
}
