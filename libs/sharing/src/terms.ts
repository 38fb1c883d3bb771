import { sharingError, type Result, type SharingError } from './errors.js';
import type { NumberRange, SharingPolicy } from './policy.js';
import {
  CREDIT_MODE_NAMES,
  FULL_BP,
  INDICATORS,
  INDICATOR_NAMES,
  START_EVENTS,
  START_EVENT_NAMES,
  type CreditMode,
  type CreditWindow,
  type Indicator,
  type RevenueShare,
  type SharingTerms,
  type StartEvent,
  type ValidatedTerms,
} from './types.js';

/** 5000 → "50%", 3333 → "33.33%". */
export function formatBp(bp: number): string {
  return `${Number.isFinite(bp) ? Math.round(bp) / 100 : bp}%`;
}

const rangeText = (r: NumberRange, fmt: (n: number) => string = String) => `${fmt(r.min)}–${fmt(r.max)}`;

/** A record links two different boards; inside one board nothing is shared. */
export function checkBoards(originBoardId: string, receivingBoardId: string, boardName?: (id: string) => string): SharingError | null {
  if (originBoardId !== receivingBoardId) return null;
  const name = boardName?.(originBoardId) ?? originBoardId;
  return sharingError(
    'SAME_BOARD',
    `来源板块与承接板块都是「${name}」：同一板块内部流转的线索不产生利益共享记录，请确认承接园区是否属于其他板块。`,
  );
}

function brand(terms: SharingTerms): ValidatedTerms {
  return Object.freeze({
    ...terms,
    credit: Object.freeze({ ...terms.credit }),
    creditWindow: Object.freeze({ ...terms.creditWindow }),
    revenueShare: Object.freeze({ ...terms.revenueShare }),
  }) as ValidatedTerms;
}

/** The policy's default terms for one (origin board, receiving board) pair. */
export function defaultTerms(
  policy: SharingPolicy,
  originBoardId: string,
  receivingBoardId: string,
  boardName?: (id: string) => string,
): Result<ValidatedTerms> {
  const same = checkBoards(originBoardId, receivingBoardId, boardName);
  if (same) return { ok: false, errors: [same] };
  const credit = Object.fromEntries(
    INDICATORS.map((i): [Indicator, CreditMode] => {
      const c = policy.defaults.credit[i];
      return [i, c.mode === 'double' ? { mode: 'double' } : { mode: 'split', originBp: c.originBp, receiverBp: FULL_BP - c.originBp }];
    }),
  ) as Record<Indicator, CreditMode>;
  return {
    ok: true,
    value: brand({
      source: 'policy',
      policyVersion: policy.policyVersion,
      credit,
      creditWindow: { ...policy.defaults.creditWindow },
      revenueShare: { ...policy.defaults.revenueShare },
      agreementRef: null,
    }),
  };
}

/** What a negotiated agreement (协商协议) states; every indicator must be given. */
/** What a person asks for: terms two boards negotiated, or back to the policy's defaults. */
export type TermsInput = { defaults: true } | { negotiated: NegotiatedTermsInput };

export interface NegotiatedTermsInput {
  readonly credit: Readonly<Record<Indicator, CreditMode>>;
  readonly creditWindow: CreditWindow;
  readonly revenueShare: RevenueShare;
  /** 协议文号 or another reference to the signed agreement. */
  readonly agreementRef: string;
}

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);

/**
 * Policy-independent checks every stored terms object must pass: each indicator present, split shares integer
 * basis points in 0–10000 that add up to exactly 10000, revenue share and windows well-formed.
 */
export function checkTermsShape(terms: unknown): SharingError[] {
  const errors: SharingError[] = [];
  const t = (terms ?? {}) as Partial<Record<keyof SharingTerms, unknown>>;
  const credit = (t.credit ?? {}) as Partial<Record<Indicator, unknown>>;
  for (const i of INDICATORS) {
    const name = INDICATOR_NAMES[i];
    const c = credit[i] as Partial<{ mode: unknown; originBp: unknown; receiverBp: unknown }> | undefined;
    if (!c || (c.mode !== 'double' && c.mode !== 'split')) {
      errors.push(sharingError('INDICATOR_MISSING', `缺少「${name}」的考核方式：请选择双算或分算。`, i));
      continue;
    }
    if (c.mode === 'double') continue;
    const { originBp: o, receiverBp: r } = c;
    if (!isInt(o) || !isInt(r) || o < 0 || r < 0 || o > FULL_BP || r > FULL_BP) {
      errors.push(
        sharingError(
          'SPLIT_NOT_INTEGER',
          `「${name}」分算份额须为 0–10000 之间的整数基点（1 基点 = 0.01%），收到来源板块 ${String(o)}、承接板块 ${String(r)}：请改为整数基点，例如 5000 与 5000。`,
          i,
        ),
      );
      continue;
    }
    if (o + r !== FULL_BP)
      errors.push(
        sharingError(
          'SPLIT_SUM_NOT_FULL',
          `「${name}」分算份额合计为 ${o + r} 基点（${formatBp(o + r)}），须恰好为 10000 基点（100%）：请调整来源板块（当前 ${o}）或承接板块（当前 ${r}）的份额。`,
          i,
        ),
      );
  }
  const rs = (t.revenueShare ?? {}) as Partial<RevenueShare>;
  if (!isInt(rs.originBp) || rs.originBp < 0 || rs.originBp > FULL_BP)
    errors.push(sharingError('REVENUE_SHARE_OUT_OF_RANGE', `项目收益分成比例须为 0–10000 之间的整数基点，收到 ${String(rs.originBp)}：请填写如 3000（即 30%）。`));
  if (!isInt(rs.years) || rs.years < 1)
    errors.push(sharingError('REVENUE_YEARS_OUT_OF_RANGE', `项目收益分成年限须为正整数，收到 ${String(rs.years)}：请填写分成年数。`));
  if (!START_EVENTS.includes(rs.startEvent as StartEvent))
    errors.push(sharingError('START_EVENT_NOT_ALLOWED', `项目收益分成起算事件无效（${String(rs.startEvent)}）：请选择首次纳税、开工或签约。`));
  const cw = (t.creditWindow ?? {}) as Partial<CreditWindow>;
  if (!isInt(cw.years) || cw.years < 1)
    errors.push(sharingError('CREDIT_WINDOW_OUT_OF_RANGE', `考核分成期年限须为正整数，收到 ${String(cw.years)}：请填写年数。`));
  if (!START_EVENTS.includes(cw.startEvent as StartEvent))
    errors.push(sharingError('START_EVENT_NOT_ALLOWED', `考核分成期起算事件无效（${String(cw.startEvent)}）：请选择首次纳税、开工或签约。`));
  return errors;
}

/**
 * Validates a negotiated agreement against the policy's ranges. All problems are reported at once,
 * each naming its indicator, so the person can fix the whole form in one go.
 */
export function validateTerms(
  input: NegotiatedTermsInput,
  policy: SharingPolicy,
  boards?: { originBoardId: string; receivingBoardId: string; boardName?: (id: string) => string },
): Result<ValidatedTerms> {
  const errors: SharingError[] = [];
  if (boards) {
    const same = checkBoards(boards.originBoardId, boards.receivingBoardId, boards.boardName);
    if (same) errors.push(same);
  }
  const shape = checkTermsShape(input);
  errors.push(...shape);
  const r = policy.ranges;
  const credit = (input?.credit ?? {}) as Partial<Record<Indicator, CreditMode>>;
  for (const i of INDICATORS) {
    const c = credit[i];
    if (!c || shape.some((e) => e.indicator === i)) continue;
    const name = INDICATOR_NAMES[i];
    const allowed = r.allowedModes[i];
    if (!allowed.includes(c.mode)) {
      errors.push(
        sharingError(
          'MODE_NOT_ALLOWED',
          `「${name}」不允许${CREDIT_MODE_NAMES[c.mode]}（政策只允许：${allowed.map((m) => CREDIT_MODE_NAMES[m]).join('、')}）：请改为${CREDIT_MODE_NAMES[allowed[0]!]}。`,
          i,
        ),
      );
      continue;
    }
    if (c.mode === 'split' && (c.originBp < r.splitOriginBp.min || c.originBp > r.splitOriginBp.max))
      errors.push(
        sharingError(
          'SPLIT_OUT_OF_RANGE',
          `「${name}」来源板块分算份额 ${formatBp(c.originBp)} 超出政策允许范围 ${rangeText(r.splitOriginBp, formatBp)}：请在该范围内约定。`,
          i,
        ),
      );
  }
  const rs = input?.revenueShare;
  if (rs && !shape.some((e) => e.code === 'REVENUE_SHARE_OUT_OF_RANGE') && (rs.originBp < r.revenueShareOriginBp.min || rs.originBp > r.revenueShareOriginBp.max))
    errors.push(
      sharingError(
        'REVENUE_SHARE_OUT_OF_RANGE',
        `项目收益分成比例 ${formatBp(rs.originBp)} 超出政策允许范围 ${rangeText(r.revenueShareOriginBp, formatBp)}：请在该范围内约定。`,
      ),
    );
  if (rs && isInt(rs.years) && rs.years >= 1 && (rs.years < r.revenueShareYears.min || rs.years > r.revenueShareYears.max))
    errors.push(
      sharingError('REVENUE_YEARS_OUT_OF_RANGE', `项目收益分成年限 ${rs.years} 年超出政策允许范围 ${rangeText(r.revenueShareYears)} 年：请在该范围内约定。`),
    );
  const cw = input?.creditWindow;
  if (cw && isInt(cw.years) && cw.years >= 1 && (cw.years < r.creditWindowYears.min || cw.years > r.creditWindowYears.max))
    errors.push(
      sharingError('CREDIT_WINDOW_OUT_OF_RANGE', `考核分成期 ${cw.years} 年超出政策允许范围 ${rangeText(r.creditWindowYears)} 年：请在该范围内约定。`),
    );
  for (const [label, ev] of [
    ['项目收益分成', rs?.startEvent],
    ['考核分成期', cw?.startEvent],
  ] as const)
    if (ev && START_EVENTS.includes(ev) && !r.startEvents.includes(ev))
      errors.push(
        sharingError(
          'START_EVENT_NOT_ALLOWED',
          `${label}不能自「${START_EVENT_NAMES[ev]}」起算（政策允许：${r.startEvents.map((e) => START_EVENT_NAMES[e]).join('、')}）：请改选其一。`,
        ),
      );
  const ref = typeof input?.agreementRef === 'string' ? input.agreementRef.trim() : '';
  if (!ref) errors.push(sharingError('AGREEMENT_REF_REQUIRED', '协商协议须填写协议文号（或其他可查的协议编号）：请补充后再提交。'));
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: brand({
      source: 'negotiated',
      policyVersion: policy.policyVersion,
      credit: Object.fromEntries(
        INDICATORS.map((i) => {
          const c = input.credit[i];
          return [i, c.mode === 'double' ? { mode: 'double' } : { mode: 'split', originBp: c.originBp, receiverBp: c.receiverBp }];
        }),
      ) as Record<Indicator, CreditMode>,
      creditWindow: { years: input.creditWindow.years, startEvent: input.creditWindow.startEvent },
      revenueShare: { originBp: rs!.originBp, years: rs!.years, startEvent: rs!.startEvent },
      agreementRef: ref,
    }),
  };
}

/** Structural equality of two terms (used to refuse an amendment that changes nothing). */
export function sameTerms(a: SharingTerms, b: SharingTerms): boolean {
  const creditEq = INDICATORS.every((i) => {
    const x = a.credit[i];
    const y = b.credit[i];
    if (x.mode !== y.mode) return false;
    return x.mode === 'double' || (y.mode === 'split' && x.originBp === y.originBp && x.receiverBp === y.receiverBp);
  });
  return (
    creditEq &&
    a.source === b.source &&
    a.agreementRef === b.agreementRef &&
    a.creditWindow.years === b.creditWindow.years &&
    a.creditWindow.startEvent === b.creditWindow.startEvent &&
    a.revenueShare.originBp === b.revenueShare.originBp &&
    a.revenueShare.years === b.revenueShare.years &&
    a.revenueShare.startEvent === b.revenueShare.startEvent
  );
}
