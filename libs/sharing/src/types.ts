/**
 * Shared types of the benefit-sharing (利益共享) ledger.
 *
 * Conventions:
 * - Shares are integer basis points (bp): 10000 bp = 100 %.
 * - Amounts are integer 元 (yuan). Exports show 万元 (1 万元 = 10000 元), so no rounding happens on display.
 * - Calendar dates are ISO `YYYY-MM-DD`; instants (`at`) are ISO 8601 date-times in UTC, e.g. `2025-03-01T08:00:00.000Z`.
 */

/** Stable ids of the assessment indicators (考核指标). Order is the display order. */
export const INDICATORS = ['signed_amount', 'funds_in_place', 'fixed_asset_investment', 'output_value', 'tax'] as const;
export type Indicator = (typeof INDICATORS)[number];

export const INDICATOR_NAMES: Readonly<Record<Indicator, string>> = {
  signed_amount: '签约额',
  funds_in_place: '到位资金',
  fixed_asset_investment: '固定资产投资',
  output_value: '产值',
  tax: '税收',
};

/** Events from which a revenue share or a credit window is counted. */
export const START_EVENTS = ['first_tax', 'construction_start', 'signing'] as const;
export type StartEvent = (typeof START_EVENTS)[number];

export const START_EVENT_NAMES: Readonly<Record<StartEvent, string>> = {
  first_tax: '首次纳税',
  construction_start: '开工',
  signing: '签约',
};

/** Full share in basis points. */
export const FULL_BP = 10000;

export type CreditModeKind = 'double' | 'split';
export const CREDIT_MODE_NAMES: Readonly<Record<CreditModeKind, string>> = { double: '双算', split: '分算' };

/**
 * How one indicator is credited in the boards' assessment (考核):
 * - `double` (双算): both boards count the full value;
 * - `split` (分算): origin and receiving board count `originBp` / `receiverBp`, which add up to exactly 10000.
 */
export type CreditMode =
  | { readonly mode: 'double' }
  | { readonly mode: 'split'; readonly originBp: number; readonly receiverBp: number };

/** 项目收益分成: `originBp` of the project's local revenue goes to the origin board for `years` years from `startEvent`. */
export interface RevenueShare {
  readonly originBp: number;
  readonly years: number;
  readonly startEvent: StartEvent;
}

/** How long the credit sharing runs: `years` years from `startEvent` (before the start event the sharing applies). */
export interface CreditWindow {
  readonly years: number;
  readonly startEvent: StartEvent;
}

export interface SharingTerms {
  /** `policy`: the city's defaults; `negotiated`: an agreement between the two boards (协商协议). */
  readonly source: 'policy' | 'negotiated';
  readonly policyVersion: string;
  readonly credit: Readonly<Record<Indicator, CreditMode>>;
  readonly creditWindow: CreditWindow;
  readonly revenueShare: RevenueShare;
  /** 协议文号 of a negotiated agreement; null for policy terms. */
  readonly agreementRef: string | null;
}

declare const validated: unique symbol;
/** Terms that passed `defaultTerms` or `validateTerms` against a policy. Only those can enter a record. */
export type ValidatedTerms = SharingTerms & { readonly [validated]: true };

/** Stored statuses. `superseded` is derived (see versions.ts) and never written onto a record. */
export const RECORD_STATUSES = ['proposed', 'confirmed', 'approved', 'rejected', 'effective'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];
export type DisplayStatus = RecordStatus | 'superseded';

export const STATUS_NAMES: Readonly<Record<DisplayStatus, string>> = {
  proposed: '待确认',
  confirmed: '待审批',
  approved: '已批准（待签约）',
  rejected: '已驳回',
  effective: '已生效',
  superseded: '已被变更替代',
};

export type ActorRole = 'promoter' | 'park_operator' | 'manager' | 'admin';

/** Who acts. Promoters belong to a board; park operators to a park (and its board). */
export type Actor =
  | { readonly role: 'promoter'; readonly id: string; readonly name?: string; readonly boardId: string }
  | { readonly role: 'park_operator'; readonly id: string; readonly name?: string; readonly parkId: string; readonly boardId: string }
  | { readonly role: 'manager'; readonly id: string; readonly name?: string }
  | { readonly role: 'admin'; readonly id: string; readonly name?: string };

export interface Confirmation {
  readonly by: Actor;
  readonly at: string;
}

export interface Decision {
  readonly outcome: 'approved' | 'rejected';
  readonly by: Actor;
  readonly at: string;
  readonly comment: string;
}

/** One version of a benefit-sharing record (利益共享记录). */
export interface SharingRecord {
  readonly id: string;
  /** Id of version 1; all versions of one agreement share it. Repositories keep UNIQUE(lineageId, version). */
  readonly lineageId: string;
  readonly version: number;
  /** Id of the approved version this one amends; null for version 1. */
  readonly supersedes: string | null;
  /** Incremented by every step; repositories write with compare-and-set on it. */
  readonly revision: number;

  readonly offerId: string;
  readonly leadId: string;
  readonly projectName: string;
  readonly originBoardId: string;
  /** The promoter who submitted the lead. */
  readonly submittedBy: string;
  readonly receivingParkId: string;
  readonly receivingBoardId: string;

  readonly terms: SharingTerms;
  readonly status: RecordStatus;
  readonly proposedAt: string;
  readonly proposedBy: Actor;
  readonly originConfirmation: Confirmation | null;
  readonly receiverConfirmation: Confirmation | null;
  readonly decision: Decision | null;
  /** 签约 date of the project, once known. */
  readonly signedOn: string | null;
  /** Why this version amends the previous one; null for version 1. */
  readonly amendmentReason: string | null;
}

export type SharingEventType = 'propose' | 'confirm' | 'approve' | 'reject' | 'edit_terms' | 'sign' | 'amend';

export const EVENT_NAMES: Readonly<Record<SharingEventType, string>> = {
  propose: '生成记录',
  confirm: '板块确认',
  approve: '批准',
  reject: '驳回',
  edit_terms: '修改条款',
  sign: '项目签约',
  amend: '发起变更',
};

/** One kept step: who did what, when, from which status to which. Append-only. */
export interface HistoryEntry {
  readonly recordId: string;
  /** The record's revision after this step. */
  readonly revision: number;
  readonly event: SharingEventType;
  readonly at: string;
  readonly actor: Actor;
  readonly fromStatus: RecordStatus | null;
  readonly toStatus: RecordStatus;
  readonly comment: string | null;
  /** Event-specific facts: the side that confirmed, the signing date, the previous terms, the amended version. */
  readonly details: Readonly<Record<string, unknown>>;
}

/** An inclusive calendar period. */
export interface Period {
  readonly from: string;
  readonly to: string;
}
