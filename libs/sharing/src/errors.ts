import type { Indicator } from './types.js';

/** Stable error codes (for API mapping and tests); the message is Chinese and tells the person what to do. */
export type SharingErrorCode =
  // creating a record
  | 'SAME_BOARD'
  | 'OFFER_NOT_ACCEPTED'
  | 'PARK_BOARD_MISMATCH'
  // terms
  | 'INDICATOR_MISSING'
  | 'MODE_NOT_ALLOWED'
  | 'SPLIT_NOT_INTEGER'
  | 'SPLIT_SUM_NOT_FULL'
  | 'SPLIT_OUT_OF_RANGE'
  | 'REVENUE_SHARE_OUT_OF_RANGE'
  | 'REVENUE_YEARS_OUT_OF_RANGE'
  | 'CREDIT_WINDOW_OUT_OF_RANGE'
  | 'START_EVENT_NOT_ALLOWED'
  | 'AGREEMENT_REF_REQUIRED'
  | 'POLICY_VERSION_MISMATCH'
  // lifecycle
  | 'ROLE_NOT_ALLOWED'
  | 'WRONG_BOARD'
  | 'WRONG_PARK'
  | 'ALREADY_CONFIRMED'
  | 'CONFIRMATIONS_MISSING'
  | 'ALREADY_DECIDED'
  | 'RECORD_FROZEN'
  | 'COMMENT_REQUIRED'
  | 'ALREADY_SIGNED'
  | 'REJECTED_RECORD'
  | 'NOT_APPROVED'
  | 'INVALID_DATE'
  | 'STALE_REVISION'
  | 'AMENDMENT_UNCHANGED'
  | 'INVALID_INPUT';

export interface SharingError {
  readonly code: SharingErrorCode;
  readonly message: string;
  readonly indicator?: Indicator;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly SharingError[] };

export function sharingError(code: SharingErrorCode, message: string, indicator?: Indicator): SharingError {
  return indicator === undefined ? { code, message } : { code, message, indicator };
}

/** Thrown only by the `*OrThrow` conveniences; carries the typed errors. */
export class SharingRuleError extends Error {
  constructor(readonly errors: readonly SharingError[]) {
    super(errors.map((e) => e.message).join('；'));
    this.name = 'SharingRuleError';
  }
}
