import { dateOf } from './dates.js';
import type { DisplayStatus, Period, SharingRecord } from './types.js';
import { displayStatus } from './versions.js';

/** Manager view filters. Every given filter must match (AND); statuses within one filter match any (OR). */
export interface RecordFilter {
  /** A board on either side (origin or receiving). */
  readonly boardId?: string;
  /** Restrict which side `boardId` must be on. */
  readonly boardSide?: 'origin' | 'receiving' | 'either';
  readonly parkId?: string;
  readonly statuses?: readonly DisplayStatus[];
  readonly period?: Period;
  /** Which date the period applies to: proposal (default), signing, or the manager's decision. */
  readonly periodBasis?: 'proposed' | 'signed' | 'decided';
  /** Show superseded versions too (default false: one row per agreement, the governing or pending versions). */
  readonly includeSuperseded?: boolean;
}

export interface PageRequest {
  /** 1-based. */
  readonly page?: number;
  /** 1–200, default 20. */
  readonly pageSize?: number;
}

export interface RecordPage {
  readonly items: readonly { readonly record: SharingRecord; readonly displayStatus: DisplayStatus }[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly pageCount: number;
}

export const MAX_PAGE_SIZE = 200;

function periodDate(r: SharingRecord, basis: RecordFilter['periodBasis']): string | null {
  if (basis === 'signed') return r.signedOn;
  if (basis === 'decided') return r.decision ? dateOf(r.decision.at) : null;
  return dateOf(r.proposedAt);
}

/**
 * Filters and pages records for the manager view, newest proposal first (ties by id, so pages are stable).
 * `records` should hold all versions of the agreements concerned, so superseded versions are recognised.
 */
export function queryRecords(records: readonly SharingRecord[], filter: RecordFilter = {}, page: PageRequest = {}): RecordPage {
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(page.pageSize ?? 20)));
  const side = filter.boardSide ?? 'either';
  const rows = records
    .map((record) => ({ record, displayStatus: displayStatus(record, records) }))
    .filter(({ record: r, displayStatus: s }) => {
      if (filter.boardId !== undefined) {
        const origin = r.originBoardId === filter.boardId;
        const receiving = r.receivingBoardId === filter.boardId;
        if (side === 'origin' ? !origin : side === 'receiving' ? !receiving : !(origin || receiving)) return false;
      }
      if (filter.parkId !== undefined && r.receivingParkId !== filter.parkId) return false;
      if (!filter.includeSuperseded && s === 'superseded' && !filter.statuses?.includes('superseded')) return false;
      if (filter.statuses?.length && !filter.statuses.includes(s)) return false;
      if (filter.period) {
        const d = periodDate(r, filter.periodBasis);
        if (d === null || d < filter.period.from || d > filter.period.to) return false;
      }
      return true;
    })
    .sort((a, b) => (a.record.proposedAt === b.record.proposedAt ? (a.record.id < b.record.id ? -1 : 1) : a.record.proposedAt < b.record.proposedAt ? 1 : -1));
  const pageCount = Math.max(1, Math.ceil(rows.length / pageSize));
  const current = Math.min(pageCount, Math.max(1, Math.floor(page.page ?? 1)));
  return {
    items: rows.slice((current - 1) * pageSize, current * pageSize),
    total: rows.length,
    page: current,
    pageSize,
    pageCount,
  };
}
