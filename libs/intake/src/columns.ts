import { FIELD_LABELS } from './lead-input.js';

/**
 * The columns of a batch import, in template order. One list serves the header matching of the CSV and
 * XLSX readers, the downloadable template and its 说明 sheet.
 */

export type LeadColumnKey =
  | 'company'
  | 'creditCode'
  | 'description'
  | 'sector'
  | 'amount'
  | 'amountUnit'
  | 'landMu'
  | 'channel'
  | 'contactName'
  | 'contactPhone'
  | 'contactEmail';

export interface LeadColumn {
  key: LeadColumnKey;
  /** The Chinese header written in the template. */
  header: string;
  /** Other accepted headers: the English alias first, then common variants. */
  aliases: readonly string[];
  required: boolean;
  /** What to write, shown in the template's 说明 sheet. */
  help: string;
  example: string;
}

export const LEAD_COLUMNS: readonly LeadColumn[] = [
  {
    key: 'company',
    header: '企业名称',
    aliases: ['company', 'company_name', '企业', '公司名称', '项目单位'],
    required: false,
    help: '投资主体的全称，可选，最多 200 字。',
    example: '南通示例新材料科技有限公司',
  },
  {
    key: 'creditCode',
    header: '统一社会信用代码',
    aliases: ['credit_code', 'uscc', '信用代码', '社会信用代码'],
    required: false,
    help: '18 位统一社会信用代码，可选；填写时按国家标准 GB 32100 校验。请把此列设为“文本”格式，以免 Excel 改成科学计数法。',
    example: '91320600MA1Y2Q3R1G', // synthetic, valid check characters
  },
  {
    key: 'description',
    header: '项目描述',
    aliases: ['description', '项目简介', '项目内容', '项目情况'],
    required: true,
    help: '必填，10–5000 字：项目做什么、产品与技术、产能、进度等，中文或英文均可。',
    example: '拟投资建设第三代半导体碳化硅功率器件封装测试产线，达产后年产能 100 万只，主要配套新能源汽车。',
  },
  {
    key: 'sector',
    header: '所属行业',
    aliases: ['sector', 'industry', '行业', '产业'],
    required: false,
    help: '可选，最多 100 字，如“新一代信息技术”“高端装备”。',
    example: '第三代半导体',
  },
  {
    key: 'amount',
    header: '投资额',
    aliases: ['amount', 'investment', '投资金额', '总投资', '计划投资'],
    required: false,
    help: '可选，阿拉伯数字。可在“投资额单位”列写单位，也可直接写“5亿元”“3000万元”“500万美元”。',
    example: '5',
  },
  {
    key: 'amountUnit',
    header: '投资额单位',
    aliases: ['amount_unit', 'unit', '单位', '金额单位'],
    required: false,
    help: '万元、亿元 或 万美元。投资额为纯数字时必填。',
    example: '亿元',
  },
  {
    key: 'landMu',
    header: '用地(亩)',
    aliases: ['land_mu', 'land', '用地', '用地面积', '用地面积(亩)', '用地需求', '用地需求(亩)'],
    required: false,
    help: '可选，单位亩；也可写“3公顷”“20000平方米”，会换算成亩（1 亩 ≈ 666.67 平方米）。不需要新增用地填 0。',
    example: '80',
  },
  {
    key: 'channel',
    header: '招商渠道',
    aliases: ['channel', '渠道', '招商方式'],
    required: false,
    help: '可选：场景招商、产业链招商、资本招商、科技招商、平台招商（也可简写为 场景、产业链、资本、科技、平台）。',
    example: '产业链招商',
  },
  {
    key: 'contactName',
    header: '联系人',
    aliases: ['contact_name', 'contact', '联系人姓名'],
    required: false,
    help: '可选，一行一位联系人；填写了电话或邮箱时必填。属于个人信息，仅用于对接。',
    example: '张三',
  },
  {
    key: 'contactPhone',
    header: '联系电话',
    aliases: ['contact_phone', 'phone', '电话', '手机', '手机号'],
    required: false,
    help: '可选，手机号（11 位）或带区号的座机，如 0513-85123456。请把此列设为“文本”格式。',
    example: '13800000000',
  },
  {
    key: 'contactEmail',
    header: '联系邮箱',
    aliases: ['contact_email', 'email', '邮箱', '电子邮箱'],
    required: false,
    help: '可选。',
    example: 'zhangsan@example.com',
  },
];

/** Fold a header cell for matching: width, case, spaces, bracket style and underscores vs spaces. */
export function headerKey(cell: string): string {
  return cell
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u200B\uFEFF]+/g, '')
    .replace(/[-\s]/g, '_');
}

/**
 * What a person reads for a field name of a row error: the template's header (企业名称, 统一社会信用代码), the
 * form's label for nested fields (contacts.0.phone → 联系电话), 整行 for whole-row problems.
 */
export function fieldLabel(field: string | undefined): string {
  if (!field) return '';
  if (field === 'row') return '整行';
  const column = LEAD_COLUMNS.find((c) => c.key === field);
  if (column) return column.header;
  const last = field.split('.').filter((p) => !/^\d+$/.test(p)).at(-1) ?? field;
  return FIELD_LABELS[last] ?? LEAD_COLUMNS.find((c) => c.key === last)?.header ?? field;
}
