import { dateOf } from './dates.js';
import type { DisplayStatus, SharingRecord } from './types.js';

/**
 * Versions of one agreement (a lineage). An approved version is never edited; an amendment is a new version
 * with `supersedes` pointing at it. "Superseded" is derived here, never written onto the old record.
 */

const isApproved = (r: SharingRecord) => r.status === 'approved' || r.status === 'effective';

export function groupByLineage(records: readonly SharingRecord[]): Map<string, SharingRecord[]> {
  const map = new Map<string, SharingRecord[]>();
  for (const r of records) {
    const list = map.get(r.lineageId) ?? [];
    list.push(r);
    map.set(r.lineageId, list);
  }
  for (const list of map.values()) list.sort((a, b) => a.version - b.version);
  return map;
}

/** True when a later version of the same agreement has been approved. */
export function isSuperseded(record: SharingRecord, records: readonly SharingRecord[]): boolean {
  return records.some((r) => r.lineageId === record.lineageId && r.version > record.version && isApproved(r));
}

export function displayStatus(record: SharingRecord, records: readonly SharingRecord[]): DisplayStatus {
  return isApproved(record) && isSuperseded(record, records) ? 'superseded' : record.status;
}

/** The approved (or effective) version that currently governs a lineage, or null when none was approved yet. */
export function currentVersion(lineage: readonly SharingRecord[]): SharingRecord | null {
  let best: SharingRecord | null = null;
  for (const r of lineage) if (isApproved(r) && (!best || r.version > best.version)) best = r;
  return best;
}

/** The date from which a version counts: approved and signed, whichever came later. Null when not effective. */
export function effectiveSince(record: SharingRecord): string | null {
  if (record.status !== 'effective' || !record.decision || !record.signedOn) return null;
  const decided = dateOf(record.decision.at);
  return decided > record.signedOn ? decided : record.signedOn;
}

/** The effective version of a lineage in force on `date` (the highest version effective by then), or null. */
export function versionInForce(lineage: readonly SharingRecord[], date: string): SharingRecord | null {
  let best: SharingRecord | null = null;
  for (const r of lineage) {
    const since = effectiveSince(r);
    if (since !== null && since <= date && (!best || r.version > best.version)) best = r;
  }
  return best;
}
