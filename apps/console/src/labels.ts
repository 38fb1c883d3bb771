/** What people read for the codes the API uses. */

// Roles, lead and offer statuses are the server's one table (libs/domain); the console adds only colours.
import { LEAD_STATUS_LABELS, LEAD_STATUSES, OFFER_STATUS_LABELS, OFFER_STATUSES, ROLE_NAMES as ROLES, type LeadStatus, type OfferStatus } from '../../../libs/domain/src/index.js';

export { OFFER_STATUSES, type OfferStatus };

export const ROLE_NAMES: Readonly<Record<string, string>> = ROLES;

const LEAD_STATUS_COLORS: Record<LeadStatus, string> = { new: 'default', shared: 'processing', review: 'warning', accepted: 'success', closed: 'default' };
export const LEAD_STATUS: Record<string, { label: string; color: string }> = Object.fromEntries(
  LEAD_STATUSES.map((s) => [s, { label: LEAD_STATUS_LABELS[s], color: LEAD_STATUS_COLORS[s] }]),
);

const OFFER_STATUS_COLORS: Record<OfferStatus, string> = { open: 'processing', accepted: 'success', declined: 'error', withdrawn: 'default' };
export const OFFER_STATUS: Record<string, { label: string; color: string }> = Object.fromEntries(
  OFFER_STATUSES.map((s) => [s, { label: OFFER_STATUS_LABELS[s], color: OFFER_STATUS_COLORS[s] }]),
);

export const DUPLICATE_STATUS: Record<string, { label: string; color: string }> = {
  flagged: { label: '待裁定', color: 'warning' },
  confirmed: { label: '确认重复', color: 'error' },
  dismissed: { label: '不是重复', color: 'default' },
};

export const DUPLICATE_REASON: Record<string, string> = {
  credit_code: '统一社会信用代码相同',
  'credit-code': '统一社会信用代码相同',
  company_name: '企业名称相近',
  'company-name': '企业名称相近',
  name: '企业名称相近',
  text: '项目描述相似',
  description: '项目描述相似',
};

/** Statuses of a benefit-sharing record (libs/sharing RecordStatus, plus the derived `superseded`). */
export const SHARING_STATUS: Record<string, { label: string; color: string }> = {
  proposed: { label: '待确认', color: 'processing' },
  confirmed: { label: '待审批', color: 'warning' },
  approved: { label: '已批准（待签约）', color: 'cyan' },
  rejected: { label: '已驳回', color: 'error' },
  effective: { label: '已生效', color: 'success' },
  superseded: { label: '已被变更替代', color: 'default' },
};

export const EVENT_KIND: Record<string, string> = {
  created: '提交线索',
  scored: '完成匹配评分',
  shared: '推送园区',
  'sent-to-review': '转人工研判',
  accepted: '园区接收',
  declined: '园区拒绝',
  stage: '阶段变更',
  'duplicate-flagged': '疑似重复',
  'duplicate-settled': '重复裁定',
  'duplicate-held': '疑似撞车，暂停推送',
  'duplicate-released': '撞车排除，恢复推送',
  withdrawn: '推荐撤回',
  rescored: '重新评分',
  imported: '批量导入',
  'sent-by-manager': '市科技局转推',
  'closed-by-manager': '研判后关闭',
  assigned: '指派责任人',
  'follow-up': '跟进记录',
  'attachment-added': '上传附件',
  'attachment-removed': '删除附件',
};

export const REASON_KIND: Record<string, { label: string; color: string }> = {
  sector: { label: '主攻方向对口', color: 'green' },
  'declared-sector': { label: '申报行业一致', color: 'blue' },
  chain: { label: '产业链相关', color: 'cyan' },
  term: { label: '文字相近', color: 'default' },
  history: { label: '落地经验', color: 'gold' },
};

export const INDICATORS: Record<string, string> = {
  signed_amount: '签约额',
  funds_in_place: '到位资金',
  fixed_asset_investment: '固定资产投资',
  output_value: '产值',
  tax: '税收',
};

/** 海安高新区（海安市）; a park that is its own board (南通创新区) once, not 南通创新区（南通创新区）. */
export function parkWithBoard(park: string, board?: string | null): string {
  return board && board !== park ? `${park}（${board}）` : park;
}

export const STAGE_COLORS: Record<string, string> = { 洽谈: 'blue', 签约: 'geekblue', 开工: 'purple', 投产: 'green', 暂停: 'orange', 终止: 'default' };

const SHANGHAI = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** An instant in Nantong's time (Asia/Shanghai), whatever the clock of the computer that shows it. */
export function fmtTime(s?: string | null): string {
  if (!s) return '—';
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return String(s);
  const p = Object.fromEntries(SHANGHAI.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export function fmtAmount(a?: { value: number; unit: string | null } | null): string {
  if (!a) return '—';
  return `${a.value}${a.unit ?? ''}`;
}

export function pct(x: number | null | undefined, digits = 0): string {
  return x === null || x === undefined ? '—' : `${(x * 100).toFixed(digits)}%`;
}

/** A duration in minutes as a person says it: 45 秒, 12 分钟, 3.5 小时, 2 天. */
export function fmtMinutes(m: number | null | undefined): string {
  if (m === null || m === undefined) return '—';
  if (m < 1) return `${Math.round(m * 60)} 秒`;
  if (m < 120) return `${Math.round(m)} 分钟`;
  if (m < 48 * 60) return `${Math.round(m / 6) / 10} 小时`;
  return `${Math.round(m / 144) / 10} 天`;
}

/** "还剩 5 小时" / "已超时 3 小时". */
export function timeLeft(s: string): { text: string; overdue: boolean; soon: boolean } {
  const ms = new Date(s).getTime() - Date.now();
  const h = Math.abs(ms) / 3600_000;
  const span = h >= 48 ? `${Math.round(h / 24)} 天` : h >= 1 ? `${Math.round(h)} 小时` : `${Math.max(1, Math.round(h * 60))} 分钟`;
  return ms < 0 ? { text: `已超时 ${span}`, overdue: true, soon: false } : { text: `还剩 ${span}`, overdue: false, soon: ms < 6 * 3600_000 };
}

/** Park listings (招商资源): kinds, carrier occupancy (libs/domain listings.ts). */
export const LISTING_KIND: Record<string, { label: string; color: string }> = {
  scenario: { label: '应用场景', color: 'purple' },
  fund: { label: '基金', color: 'gold' },
  carrier: { label: '载体', color: 'cyan' },
};
export const CARRIER_AVAILABILITY: Record<string, { label: string; color: string }> = {
  available: { label: '可租售', color: 'success' },
  partial: { label: '部分可用', color: 'processing' },
  occupied: { label: '已满', color: 'default' },
};
export const CARRIER_KINDS = ['标准厂房', '孵化器', '实验室', '地块'];
export const FUND_STAGES = ['天使期', '初创期', '成长期', '成熟期', '并购'];

/** One line of a listing's key facts, as lists and cards show it. */
export function listingFacts(kind: string, c: any): string {
  const wan = (n: number) => (n >= 10000 ? `${n / 10000} 亿元` : `${n} 万元`);
  if (kind === 'scenario') return [c.owner, c.budgetWan ? `预算 ${wan(c.budgetWan)}` : null, c.pilotTerms, c.deadline ? `截止 ${c.deadline}` : null].filter(Boolean).join(' · ');
  if (kind === 'fund') return [`规模 ${c.sizeCny100m} 亿元`, c.stages?.join('、'), c.ticketMinWan || c.ticketMaxWan ? `单笔 ${c.ticketMinWan ? wan(c.ticketMinWan) : '—'}至${c.ticketMaxWan ? wan(c.ticketMaxWan) : '—'}` : null].filter(Boolean).join(' · ');
  return [
    c.carrierKind,
    c.carrierKind === '地块' ? `${c.areaMu} 亩` : `${c.areaM2} 平方米`,
    c.floorLoadKn ? `荷载 ${c.floorLoadKn} kN/㎡` : null,
    c.cleanRoom ? `洁净 ${c.cleanRoom}` : null,
    c.powerKva ? `供电 ${c.powerKva} kVA` : null,
    c.price,
    CARRIER_AVAILABILITY[c.availability]?.label,
  ].filter(Boolean).join(' · ');
}
