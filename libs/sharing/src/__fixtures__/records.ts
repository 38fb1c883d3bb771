// Test fixtures shared by the specs (not exported from the library).
import { readFileSync } from 'node:fs';
import { transition, proposeSharingRecord, type SharingEvent, type TransitionResult } from '../lifecycle.js';
import { parseSharingPolicy, type SharingPolicy } from '../policy.js';
import { defaultTerms } from '../terms.js';
import type { Actor, HistoryEntry, SharingRecord, ValidatedTerms } from '../types.js';

export const rawPolicy: unknown = JSON.parse(readFileSync(new URL('../../../../config/sharing-policy.json', import.meta.url), 'utf8'));
export const policy: SharingPolicy = parseSharingPolicy(rawPolicy);

// 海安 (haian) brings the lead; 如东开发区 (rudong-dz, board rudong) takes it.
export const promoterA: Actor = { role: 'promoter', id: 'u-haian-1', name: '张三', boardId: 'haian' };
export const promoterB: Actor = { role: 'promoter', id: 'u-rudong-1', name: '李四', boardId: 'rudong' };
export const promoterC: Actor = { role: 'promoter', id: 'u-qidong-1', name: '王五', boardId: 'qidong' };
export const operatorB: Actor = { role: 'park_operator', id: 'u-rudong-dz', name: '如东开发区运营', parkId: 'rudong-dz', boardId: 'rudong' };
export const operatorOtherParkB: Actor = { role: 'park_operator', id: 'u-yk', parkId: 'yangkou', boardId: 'rudong' };
export const manager: Actor = { role: 'manager', id: 'u-kjj-1', name: '赵科长' };
export const manager2: Actor = { role: 'manager', id: 'u-kjj-2', name: '钱科长' };
export const admin: Actor = { role: 'admin', id: 'u-admin' };

export function must<T extends TransitionResult>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r as Extract<T, { ok: true }>;
}

export function terms(origin = 'haian', receiving = 'rudong'): ValidatedTerms {
  const r = defaultTerms(policy, origin, receiving);
  if (!r.ok) throw new Error(r.errors[0]!.message);
  return r.value;
}

export const acceptedOffer = {
  offer: { id: 'offer-1', leadId: 'lead-1', status: 'accepted' },
  lead: { id: 'lead-1', originBoardId: 'haian', submittedBy: 'u-haian-1', projectName: '碳化硅功率器件项目' },
  receivingPark: { id: 'rudong-dz', boardId: 'rudong' },
};

export const T0 = '2025-03-01T08:00:00.000Z';
export const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

export function proposed(id = 'rec-1', overrides: Partial<typeof acceptedOffer> = {}): SharingRecord {
  return must(proposeSharingRecord({ ...acceptedOffer, ...overrides, id, terms: terms() }, operatorB, T0)).record;
}

/** Applies events in order, failing loudly; returns the final record and the kept history. */
export function run(record: SharingRecord, steps: [SharingEvent, Actor][]): { record: SharingRecord; history: HistoryEntry[] } {
  const history: HistoryEntry[] = [];
  let r = record;
  steps.forEach(([event, actor], k) => {
    const res = must(transition(r, event, actor, at(k + 1)));
    r = res.record;
    history.push(res.entry);
  });
  return { record: r, history };
}

export function confirmed(id = 'rec-1'): SharingRecord {
  return run(proposed(id), [
    [{ type: 'confirm' }, promoterA],
    [{ type: 'confirm' }, operatorB],
  ]).record;
}

export function approved(id = 'rec-1'): SharingRecord {
  return run(confirmed(id), [[{ type: 'approve', comment: '同意' }, manager]]).record;
}

export function effective(id = 'rec-1', signedOn = '2025-04-01'): SharingRecord {
  return run(approved(id), [[{ type: 'sign', signedOn }, operatorB]]).record;
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  } else if (value && typeof value === 'object') for (const v of Object.values(value)) deepFreeze(v);
  return value;
}
