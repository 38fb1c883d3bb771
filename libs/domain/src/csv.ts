/** One CSV line (RFC 4180 quoting, CRLF); cells that a spreadsheet would run as a formula get a leading apostrophe. */
export function toCsvLine(cells: string[]): string {
  return (
    cells
      .map((c) => {
        const safe = /^[=+\-@\t\r]/.test(c) ? "'" + c : c;
        return /[",\r\n]/.test(safe) ? '"' + safe.replace(/"/g, '""') + '"' : safe;
      })
      .join(',') + '\r\n'
  );
}
