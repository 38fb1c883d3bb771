import { z } from 'zod';
import { validateCreditCode } from './credit-code.js';
import { parseLandMu } from './land.js';
import { moneyFromFields, parseMoney, type Money, type MoneyOptions } from './money.js';
import { cleanLine, cleanText, foldWidth } from './text.js';

/**
 * The canonical lead input (招商线索): what a form submission or one batch row becomes once validated.
 *
 * Text policy: free text is stored as typed (HTML such as `<script>` is kept verbatim, not stripped or
 * rejected: a description may legitimately mention `<5nm`, and rewriting input loses it). Control and
 * zero-width characters are removed, line breaks normalized, whitespace trimmed, and lengths limited.
 * Every place that shows lead text must escape it (the console renders text, never HTML).
 */

export const CHANNELS = ['场景招商', '产业链招商', '资本招商', '科技招商', '平台招商'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Contact {
  name: string;
  /** Mainland mobile as 11 digits, landline as `0513-85123456` (`-123` extension), service as `400-123-4567`. */
  phone?: string;
  email?: string;
}

export interface LeadInput {
  company?: string;
  creditCode?: string;
  description: string;
  sector?: string;
  amount?: Money;
  landMu?: number;
  channel?: Channel;
  contacts: Contact[];
  /** Board id (板块), e.g. `haian`, `netda`. */
  originBoard: string;
  /** Id or name of the submitting user. */
  submitter: string;
}

export interface FieldError {
  /** Field path in the input (`description`, `contacts.0.phone`), or `row` / `file` for whole-row problems. */
  field: string;
  /** Chinese, names the field in Chinese. */
  message: string;
}

export type LeadParseResult = { ok: true; lead: LeadInput } | { ok: false; errors: FieldError[] };

export interface LeadInputOptions {
  /** When given, `originBoard` must be one of these ids. */
  boards?: Iterable<string>;
  /** USD→CNY rate for the plausibility bound of amounts in 万美元. */
  usdToCny?: number;
}

/** Chinese field names used in messages and docs. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  company: '企业名称',
  creditCode: '统一社会信用代码',
  description: '项目描述',
  sector: '所属行业',
  amount: '投资额',
  landMu: '用地（亩）',
  channel: '招商渠道',
  contacts: '联系人',
  name: '联系人姓名',
  phone: '联系电话',
  email: '联系邮箱',
  originBoard: '来源板块',
  submitter: '提交人',
};

export const LIMITS = {
  company: 200,
  descriptionMin: 10,
  descriptionMax: 5000,
  sector: 100,
  contacts: 10,
  contactName: 50,
  email: 254,
  submitter: 100,
} as const;

type Ctx = z.RefinementCtx;
const length = (s: string) => [...s].length; // characters as a person counts them, not UTF-16 units

function issue(ctx: Ctx, message: string): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

/** Empty, whitespace-only, null and undefined all mean "not given". */
function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && cleanText(v) === '');
}

function textField(label: string, max: number, opts: { min?: number; line?: boolean } = {}) {
  return (v: unknown, ctx: Ctx): string => {
    if (opts.min !== undefined && isBlank(v)) return issue(ctx, `${label}不能为空`);
    if (typeof v === 'number' && Number.isFinite(v)) v = String(v);
    if (typeof v !== 'string') return issue(ctx, `${label}应为文字`);
    const s = opts.line ? cleanLine(v) : cleanText(v);
    const n = length(s);
    if (opts.min !== undefined && n < opts.min) {
      return issue(ctx, n === 0 ? `${label}不能为空` : `${label}至少需要 ${opts.min} 个字，当前 ${n} 个字`);
    }
    if (n > max) return issue(ctx, `${label}不能超过 ${max} 个字，当前 ${n} 个字`);
    return s;
  };
}

const optional = <T>(f: (v: unknown, ctx: Ctx) => T) =>
  z.unknown().optional().transform((v, ctx): T | undefined => (isBlank(v) ? undefined : f(v, ctx)));

/**
 * Normalize a mainland phone number, or undefined when it is not one.
 * Mobile → `13812345678`; landline → `0513-85123456` (extension → `0513-85123456-801`);
 * 400/800 service numbers → `400-123-4567`. Accepts spaces, dashes, brackets, +86 / 0086 prefixes and
 * extensions written 转801, ext801, x801, #801 or a third dash group.
 */
export function normalizePhone(raw: string): string | undefined {
  let s = foldWidth(raw).replace(/[\s()（）.]/g, '');
  let ext: string | undefined;
  const e = /(?:转|ext|x|#)(\d{1,6})$/i.exec(s);
  if (e) {
    ext = e[1];
    s = s.slice(0, e.index);
  }
  const parts = s.split('-');
  if (!ext && parts.length === 3 && /^0\d{2,3}$/.test(parts[0]!) && /^\d{7,8}$/.test(parts[1]!) && /^\d{1,6}$/.test(parts[2]!)) {
    ext = parts[2];
    s = `${parts[0]}${parts[1]}`;
  }
  let digits = s.replace(/-/g, '');
  const international = /^(?:\+86|0086)(\d+)$/.exec(digits);
  if (international) digits = /^1[3-9]\d{9}$/.test(international[1]!) ? international[1]! : `0${international[1]}`;
  else if (/^861[3-9]\d{9}$/.test(digits)) digits = digits.slice(2);
  if (!/^\d+$/.test(digits)) return undefined;
  if (/^1[3-9]\d{9}$/.test(digits)) return ext ? undefined : digits;
  if (/^[48]00\d{7}$/.test(digits)) return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
  const areaLength = /^0(?:10|2\d)/.test(digits) ? 3 : 4;
  const area = digits.slice(0, areaLength);
  const local = digits.slice(areaLength);
  if (!/^0[1-9]\d{1,2}$/.test(area) || !/^[2-9]\d{6,7}$/.test(local)) return undefined;
  return `${area}-${local}${ext ? `-${ext}` : ''}`;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[a-z]{2,}$/i;

const contactSchema = z.strictObject({
  name: z.unknown().optional().transform(textField(FIELD_LABELS.name!, LIMITS.contactName, { min: 1, line: true })),
  phone: optional((v, ctx) => {
    const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v : undefined;
    if (s === undefined) return issue(ctx, '联系电话应为文字');
    const phone = normalizePhone(cleanLine(s));
    return phone ?? issue(ctx, `联系电话“${cleanLine(s).slice(0, 20)}”格式不对，应为 11 位手机号或带区号的座机（如 0513-85123456）`);
  }),
  email: optional((v, ctx) => {
    if (typeof v !== 'string') return issue(ctx, '联系邮箱应为文字');
    const s = foldWidth(cleanLine(v));
    if (s.length > LIMITS.email || !EMAIL.test(s)) return issue(ctx, `联系邮箱“${s.slice(0, 40)}”格式不对`);
    const at = s.lastIndexOf('@');
    return s.slice(0, at) + s.slice(at).toLowerCase();
  }),
});

const CHANNEL_ALIASES: Readonly<Record<string, Channel>> = Object.fromEntries(
  CHANNELS.flatMap((c) => [
    [c, c],
    [c.replace(/招商$/, ''), c],
  ]),
);

export function parseChannel(raw: string): Channel | undefined {
  return CHANNEL_ALIASES[foldWidth(raw).replace(/\s+/g, '')];
}

function amountField(options: LeadInputOptions) {
  const moneyOptions: MoneyOptions = { label: '投资额', ...(options.usdToCny ? { usdToCny: options.usdToCny } : {}) };
  return (v: unknown, ctx: Ctx): Money => {
    let r;
    if (typeof v === 'string' || typeof v === 'number') r = parseMoney(v, moneyOptions);
    else if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const { value, unit, ...rest } = v as Record<string, unknown>;
      const extra = Object.keys(rest).filter((k) => k !== 'approximate');
      if (extra.length) return issue(ctx, `投资额只接受 value（数值）和 unit（单位）两项，多了：${extra.join('、')}`);
      if (isBlank(value)) return issue(ctx, '投资额缺少数值');
      r = moneyFromFields(value, unit, moneyOptions);
      if (r.ok && (v as Record<string, unknown>).approximate === true) r = { ok: true as const, value: { ...r.value, approximate: true } };
    } else return issue(ctx, '投资额应为 {value, unit} 或“5亿元”这样的文字');
    return r.ok ? r.value : issue(ctx, r.reason);
  };
}

/** Builds the zod schema; `options` adds the board list and the USD rate. */
export function leadInputSchema(options: LeadInputOptions = {}) {
  const boards = options.boards ? new Set(options.boards) : undefined;
  return z.strictObject({
    company: optional(textField(FIELD_LABELS.company!, LIMITS.company, { line: true })),
    creditCode: optional((v, ctx) => {
      if (typeof v !== 'string') {
        return issue(ctx, typeof v === 'number' ? '统一社会信用代码被存成了数字，末尾可能已丢失，请按文本填写' : '统一社会信用代码应为文字');
      }
      const r = validateCreditCode(v);
      return r.ok ? r.code : issue(ctx, r.reason);
    }),
    description: z.unknown().optional().transform((v, ctx) =>
      isBlank(v)
        ? issue(ctx, '项目描述不能为空，请用 10 字以上说明项目内容')
        : textField(FIELD_LABELS.description!, LIMITS.descriptionMax, { min: LIMITS.descriptionMin })(v, ctx),
    ),
    sector: optional(textField(FIELD_LABELS.sector!, LIMITS.sector, { line: true })),
    amount: optional(amountField(options)),
    landMu: optional((v, ctx) => {
      if (typeof v !== 'string' && typeof v !== 'number') return issue(ctx, '用地（亩）应为数字');
      const r = parseLandMu(v, '用地（亩）');
      return r.ok ? r.value : issue(ctx, r.reason);
    }),
    channel: optional((v, ctx) => {
      const c = typeof v === 'string' ? parseChannel(v) : undefined;
      return c ?? issue(ctx, `招商渠道“${String(v).slice(0, 20)}”无效，应为 ${CHANNELS.join('、')} 之一`);
    }),
    contacts: z
      .array(contactSchema, { error: '联系人应为列表' })
      .max(LIMITS.contacts, { error: `联系人最多 ${LIMITS.contacts} 位` })
      .optional()
      .transform((c) => c ?? []),
    originBoard: z.unknown().optional().transform((v, ctx) => {
      if (isBlank(v)) return issue(ctx, '来源板块不能为空');
      if (typeof v !== 'string' || !/^[a-z0-9-]{1,40}$/.test(v.trim())) return issue(ctx, '来源板块编号格式不对');
      const id = v.trim();
      if (boards && !boards.has(id)) return issue(ctx, `来源板块“${id}”不存在`);
      return id;
    }),
    submitter: z.unknown().optional().transform(textField(FIELD_LABELS.submitter!, LIMITS.submitter, { min: 1, line: true })),
  });
}

const defaultSchema = leadInputSchema();
const schemas = new WeakMap<LeadInputOptions, ReturnType<typeof leadInputSchema>>();

/** Building a zod schema costs far more than using it: one per options object, reused across rows. */
function schemaFor(options: LeadInputOptions | undefined) {
  if (!options || (options.boards === undefined && options.usdToCny === undefined)) return defaultSchema;
  let schema = schemas.get(options);
  if (!schema) schemas.set(options, (schema = leadInputSchema(options)));
  return schema;
}

function fieldOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

function messageOf(i: z.core.$ZodIssue): string {
  if (i.code === 'unrecognized_keys') return `不支持的字段：${i.keys.join('、')}`;
  if (i.code === 'custom' || i.message.match(/[\u4e00-\u9fff]/)) return i.message;
  // Structural errors zod raises itself (a contact that is not an object, …): name the field.
  const last = [...i.path].reverse().find((p) => typeof p === 'string') as string | undefined;
  const label = (last && FIELD_LABELS[last]) ?? '数据';
  return `${label}格式不对`;
}

/** Validate and normalize one lead. Never throws on bad input; every problem is reported per field. */
export function parseLeadInput(raw: unknown, options?: LeadInputOptions): LeadParseResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: [{ field: '', message: '线索数据应为一个对象（字段名: 值）' }] };
  }
  const schema = schemaFor(options);
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, lead: stripUndefined(r.data) as LeadInput };
  const errors = r.error.issues.map((i) => ({
    field: i.code === 'unrecognized_keys' ? i.keys.join(',') : fieldOf(i.path),
    message: messageOf(i),
  }));
  return { ok: false, errors };
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
