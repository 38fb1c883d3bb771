import ExcelJS from 'exceljs';
import { toCsvText } from '#domain';
import { LEAD_COLUMNS } from './columns.js';
import { CHANNELS } from './lead-input.js';

/**
 * The downloadable import template: the headers (Chinese), one example row, and for XLSX a second
 * sheet 说明 that explains each column. The example row is recognised on import and reported
 * ("这是导入模板中的示例行") rather than imported, so a forgotten example never becomes a lead.
 */

/** CSV text with a UTF-8 BOM, so Excel opens the Chinese headers correctly. Lines end with CRLF. */
export function leadTemplateCsv(): string {
  return toCsvText([LEAD_COLUMNS.map((c) => c.header), LEAD_COLUMNS.map((c) => c.example)]);
}

export const TEMPLATE_SHEET = '招商线索';
export const HELP_SHEET = '说明';

/** The XLSX template as a buffer. */
export async function leadTemplateXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ParkMatch';
  const sheet = wb.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = LEAD_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.key === 'description' ? 60 : Math.max(12, c.header.length * 2 + 4),
    // Text format keeps credit codes and phone numbers from becoming 9.14E+17.
    style: c.key === 'creditCode' || c.key === 'contactPhone' ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  LEAD_COLUMNS.forEach((c, i) => {
    if (c.required) sheet.getRow(1).getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } };
  });
  sheet.addRow(Object.fromEntries(LEAD_COLUMNS.map((c) => [c.key, c.example])));
  const channelColumn = LEAD_COLUMNS.findIndex((c) => c.key === 'channel') + 1;
  const unitColumn = LEAD_COLUMNS.findIndex((c) => c.key === 'amountUnit') + 1;
  for (let r = 2; r <= 1001; r++) {
    sheet.getCell(r, channelColumn).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${CHANNELS.join(',')}"`] };
    sheet.getCell(r, unitColumn).dataValidation = { type: 'list', allowBlank: true, formulae: ['"万元,亿元,万美元"'] };
  }

  const help = wb.addWorksheet(HELP_SHEET);
  help.columns = [
    { header: '列名', key: 'header', width: 18 },
    { header: '英文列名', key: 'alias', width: 16 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '填写说明', key: 'help', width: 80 },
    { header: '示例', key: 'example', width: 40 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of LEAD_COLUMNS) {
    help.addRow({ header: c.header, alias: c.aliases[0], required: c.required ? '必填' : '可选', help: c.help, example: c.example });
  }
  help.addRow({});
  for (const line of [
    '第 1 行为表头，请勿修改列名；可以删除不需要的可选列，列的顺序不限。',
    '每行一条线索，单个文件最多 100000 行；空行会被跳过。',
    '有问题的行会连同行号和原因一起列出，其余行照常导入。',
    '第 2 行是示例，上传前请删除。',
    'CSV 文件请保存为“CSV UTF-8（逗号分隔）”。',
  ]) {
    help.addRow({ header: line });
  }
  help.getColumn('help').alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
