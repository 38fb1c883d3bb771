import ExcelJS from 'exceljs';
import type { ExportTable } from '#sharing';

/** One sheet per export table (exceljs writes strings as text, so nothing is evaluated as a formula). */
export async function toXlsx(tables: ExportTable | readonly ExportTable[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ParkMatch';
  const list: readonly ExportTable[] = 'sheetName' in tables ? [tables as ExportTable] : (tables as readonly ExportTable[]);
  for (const table of list) {
    const sheet = wb.addWorksheet(table.sheetName);
    sheet.columns = table.columns.map((c) => ({ key: c.key, header: c.header, width: c.width }));
    sheet.addRows(table.rows.map((r) => ({ ...r })));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
