import { ROLE_NAMES } from '#domain';
import { isIsoDate, isIsoInstant } from './dates.js';
import { sharingError, type SharingError } from './errors.js';
import { checkBoards, checkTermsShape, sameTerms } from './terms.js';
import {
  STATUS_NAMES,
  type Actor,
  type HistoryEntry,
  type RecordStatus,
  type SharingEventType,
  type SharingRecord,
  type ValidatedTerms,
} from './types.js';

/**
 * The status machine of a sharing record.
 *
 *   (offer accepted) ──propose──▶ proposed ──confirm×2 (origin board, receiving board, either order)──▶ confirmed
 *   proposed / confirmed / rejected ──edit_terms──▶ proposed (both confirmations cleared)
 *   confirmed ──approve (manager)──▶ approved, or effective when the project is already signed
 *   confirmed ──reject (manager, comment)──▶ rejected
 *   approved ──sign (签约)──▶ effective        (sign before approval only stamps the date)
 *   approved / effective ──amend──▶ a NEW record, version+1, supersedes the old one; the old one is untouched
 *
 * Once approved, a record's parties, terms, confirmations, decision and version links never change; the only
 * later step is the one-time 签约 stamp (approved → effective). An effective record never changes at all.
 */

/** What can happen to a record. `expectedRevision` lets callers refuse to act on a stale copy (If-Match). */
export type SharingEvent =
  | { readonly type: 'confirm'; readonly comment?: string; readonly expectedRevision?: number }
  | { readonly type: 'approve'; readonly comment?: string; readonly expectedRevision?: number }
  | { readonly type: 'reject'; readonly comment: string; readonly expectedRevision?: number }
  | { readonly type: 'edit_terms'; readonly terms: ValidatedTerms; readonly comment?: string; readonly expectedRevision?: number }
  | { readonly type: 'sign'; readonly signedOn: string; readonly expectedRevision?: number }
  | { readonly type: 'amend'; readonly newId: string; readonly terms: ValidatedTerms; readonly reason: string; readonly expectedRevision?: number };

export type TransitionResult =
  | { readonly ok: true; readonly record: SharingRecord; readonly entry: HistoryEntry }
  | { readonly ok: false; readonly error: SharingError };

/** Facts about the accepted offer a record is proposed from (the caller loads them). */
export interface AcceptedOffer {
  readonly offer: { readonly id: string; readonly leadId: string; readonly status: string };
  readonly lead: { readonly id: string; readonly originBoardId: string; readonly submittedBy: string; readonly projectName: string };
  readonly receivingPark: { readonly id: string; readonly boardId: string };
}

export interface ProposeInput extends AcceptedOffer {
  /** Id of the new record (callers generate it, e.g. a UUID). */
  readonly id: string;
  readonly terms: ValidatedTerms;
  /** Board display names for messages; ids are shown when absent. */
  readonly boardName?: (id: string) => string;
}

const fail = (error: SharingError): TransitionResult => ({ ok: false, error });

function actorText(actor: Actor): string {
  const who = actor.name ? `${actor.name}（${ROLE_NAMES[actor.role]}）` : ROLE_NAMES[actor.role];
  return who;
}

function freezeRecord(r: SharingRecord): SharingRecord {
  return Object.freeze({ ...r });
}

function entry(
  record: SharingRecord,
  event: SharingEventType,
  actor: Actor,
  at: string,
  fromStatus: RecordStatus | null,
  comment: string | null,
  details: Record<string, unknown> = {},
): HistoryEntry {
  return Object.freeze({
    recordId: record.id,
    revision: record.revision,
    event,
    at,
    actor,
    fromStatus,
    toStatus: record.status,
    comment,
    details: Object.freeze(details),
  });
}

/** Creates the record when a park of board B accepts an offer of a lead that board A brought (A ≠ B). */
export function proposeSharingRecord(input: ProposeInput, actor: Actor, at: string): TransitionResult {
  if (!isIsoInstant(at)) return fail(sharingError('INVALID_DATE', `时间格式无效（${at}）：须为 ISO 8601 时间。`));
  const { offer, lead, receivingPark } = input;
  if (offer.status !== 'accepted')
    return fail(
      sharingError('OFFER_NOT_ACCEPTED', `线索推送尚未被园区接受（当前状态：${offer.status}）：园区接受后才会生成利益共享记录。`),
    );
  if (offer.leadId !== lead.id)
    return fail(sharingError('INVALID_INPUT', `线索推送 ${offer.id} 不属于线索 ${lead.id}：请核对所选线索。`));
  const same = checkBoards(lead.originBoardId, receivingPark.boardId, input.boardName);
  if (same) return fail(same);
  if (!(actor.role === 'admin' || actor.role === 'manager' || (actor.role === 'park_operator' && actor.parkId === receivingPark.id)))
    return fail(
      sharingError('ROLE_NOT_ALLOWED', `${actorText(actor)}不能生成该记录：记录在承接园区接受线索时生成，由承接园区、管理员或系统发起。`),
    );
  const shape = checkTermsShape(input.terms);
  if (shape.length) return fail(shape[0]!);
  if (!input.id) return fail(sharingError('INVALID_INPUT', '记录编号不能为空。'));
  const record = freezeRecord({
    id: input.id,
    lineageId: input.id,
    version: 1,
    supersedes: null,
    revision: 1,
    offerId: offer.id,
    leadId: lead.id,
    projectName: lead.projectName,
    originBoardId: lead.originBoardId,
    submittedBy: lead.submittedBy,
    receivingParkId: receivingPark.id,
    receivingBoardId: receivingPark.boardId,
    terms: input.terms,
    ...proposedState(actor, at),
    signedOn: null,
    amendmentReason: null,
  });
  return { ok: true, record, entry: entry(record, 'propose', actor, at, null, null, { offerId: offer.id, termsSource: input.terms.source }) };
}

/** A version as it is proposed, first or by an amendment: confirmed by neither side and not yet decided. */
function proposedState(actor: Actor, at: string) {
  return { status: 'proposed', proposedAt: at, proposedBy: actor, originConfirmation: null, receiverConfirmation: null, decision: null } as const;
}

/** Which side of the record an actor speaks for: origin board, receiving board, or neither. */
export function sideOf(record: SharingRecord, actor: Actor): 'origin' | 'receiver' | null {
  if (actor.role === 'promoter') {
    if (actor.boardId === record.originBoardId) return 'origin';
    if (actor.boardId === record.receivingBoardId) return 'receiver';
    return null;
  }
  if (actor.role === 'park_operator' && actor.parkId === record.receivingParkId && actor.boardId === record.receivingBoardId) return 'receiver';
  return null;
}

function partyError(record: SharingRecord, actor: Actor, what: string): SharingError {
  if (actor.role === 'park_operator' && actor.boardId === record.receivingBoardId)
    return sharingError('WRONG_PARK', `${actorText(actor)}所在园区不是本记录的承接园区，不能${what}：请由承接园区或承接板块招商人员办理。`);
  if (actor.role === 'promoter' || actor.role === 'park_operator')
    return sharingError(
      'WRONG_BOARD',
      `${actorText(actor)}所属板块（${actor.boardId}）不是本记录的来源板块（${record.originBoardId}）或承接板块（${record.receivingBoardId}），不能${what}。`,
    );
  return sharingError('ROLE_NOT_ALLOWED', `${actorText(actor)}不能${what}：须由来源板块或承接板块办理。`);
}

const frozenError = (record: SharingRecord) =>
  sharingError(
    'RECORD_FROZEN',
    `记录已${STATUS_NAMES[record.status]}，不可修改：如需调整，请发起变更，生成新版本报批（原记录保持不变）。`,
  );

/**
 * Applies one event. Pure: the input record is never mutated; on success a new frozen record and the history
 * entry to append are returned (for `amend` the record is the NEW version and the old one stays as it was).
 */
export function transition(record: SharingRecord, event: SharingEvent, actor: Actor, at: string): TransitionResult {
  if (!isIsoInstant(at)) return fail(sharingError('INVALID_DATE', `时间格式无效（${at}）：须为 ISO 8601 时间。`));
  if (event.expectedRevision !== undefined && event.expectedRevision !== record.revision)
    return fail(
      sharingError(
        'STALE_REVISION',
        `记录已被他人更新（您看到的是第 ${event.expectedRevision} 次修订，当前为第 ${record.revision} 次）：请刷新后重新操作。`,
      ),
    );
  const next = (patch: Partial<SharingRecord>): SharingRecord => freezeRecord({ ...record, ...patch, revision: record.revision + 1 });
  const from = record.status;

  switch (event.type) {
    case 'confirm': {
      if (from === 'rejected') return fail(sharingError('REJECTED_RECORD', '记录已被驳回：请先修改条款重新提交，再进行确认。'));
      if (from === 'approved' || from === 'effective') return fail(sharingError('ALREADY_DECIDED', `记录已${STATUS_NAMES[from]}，无需再确认。`));
      if (actor.role !== 'promoter' && actor.role !== 'park_operator')
        return fail(sharingError('ROLE_NOT_ALLOWED', `${actorText(actor)}不能代替板块确认：须由来源板块招商人员或承接园区确认。`));
      const side = sideOf(record, actor);
      if (!side) return fail(partyError(record, actor, '确认本记录'));
      const existing = side === 'origin' ? record.originConfirmation : record.receiverConfirmation;
      if (existing)
        return fail(
          sharingError(
            'ALREADY_CONFIRMED',
            `${side === 'origin' ? '来源' : '承接'}板块已于 ${existing.at} 确认过本记录，无需重复确认${
              side === 'origin' ? (record.receiverConfirmation ? '' : '：请等待承接板块确认') : record.originConfirmation ? '' : '：请等待来源板块确认'
            }。`,
          ),
        );
      const confirmation = Object.freeze({ by: actor, at });
      const originConfirmation = side === 'origin' ? confirmation : record.originConfirmation;
      const receiverConfirmation = side === 'receiver' ? confirmation : record.receiverConfirmation;
      const r = next({ originConfirmation, receiverConfirmation, status: originConfirmation && receiverConfirmation ? 'confirmed' : 'proposed' });
      return { ok: true, record: r, entry: entry(r, 'confirm', actor, at, from, event.comment?.trim() || null, { side }) };
    }

    case 'approve':
    case 'reject': {
      const verb = event.type === 'approve' ? '批准' : '驳回';
      if (actor.role !== 'manager') return fail(sharingError('ROLE_NOT_ALLOWED', `${actorText(actor)}不能${verb}利益共享记录：须由市科技局管理员审批。`));
      if (from === 'approved' || from === 'effective' || from === 'rejected')
        return fail(sharingError('ALREADY_DECIDED', `记录已${STATUS_NAMES[from]}（${record.decision?.at ?? ''}），不能再次审批：如需调整请发起变更。`));
      if (from === 'proposed') {
        const missing = [!record.originConfirmation && '来源板块', !record.receiverConfirmation && '承接板块'].filter(Boolean).join('和');
        return fail(sharingError('CONFIRMATIONS_MISSING', `${missing}尚未确认，不能${verb}：请待双方板块均确认后再审批。`));
      }
      const comment = (event.comment ?? '').trim();
      if (event.type === 'reject' && !comment)
        return fail(sharingError('COMMENT_REQUIRED', '驳回须填写意见：请说明驳回原因，便于板块修改后重新提交。'));
      const decision = Object.freeze({ outcome: event.type === 'approve' ? ('approved' as const) : ('rejected' as const), by: actor, at, comment });
      const status: RecordStatus = event.type === 'reject' ? 'rejected' : record.signedOn ? 'effective' : 'approved';
      const r = next({ decision, status });
      return { ok: true, record: r, entry: entry(r, event.type, actor, at, from, comment || null) };
    }

    case 'edit_terms': {
      if (from === 'approved' || from === 'effective') return fail(frozenError(record));
      if (actor.role !== 'manager' && !sideOf(record, actor)) return fail(partyError(record, actor, '修改本记录的条款'));
      const shape = checkTermsShape(event.terms);
      if (shape.length) return fail(shape[0]!);
      if (sameTerms(event.terms, record.terms)) return fail(sharingError('AMENDMENT_UNCHANGED', '条款与当前记录相同，无需修改。'));
      const r = next({ terms: event.terms, originConfirmation: null, receiverConfirmation: null, decision: null, status: 'proposed' });
      return {
        ok: true,
        record: r,
        entry: entry(r, 'edit_terms', actor, at, from, event.comment?.trim() || null, { previousTerms: record.terms, terms: event.terms }),
      };
    }

    case 'sign': {
      if (!(actor.role === 'manager' || actor.role === 'admin' || (actor.role === 'park_operator' && actor.parkId === record.receivingParkId)))
        return fail(sharingError('ROLE_NOT_ALLOWED', `${actorText(actor)}不能登记签约：须由承接园区、管理员或系统登记。`));
      if (!isIsoDate(event.signedOn)) return fail(sharingError('INVALID_DATE', `签约日期格式无效（${event.signedOn}）：请填写如 2025-03-01。`));
      if (from === 'rejected') return fail(sharingError('REJECTED_RECORD', '记录已被驳回，不能登记签约：请先修改条款重新提交。'));
      if (record.signedOn) return fail(sharingError('ALREADY_SIGNED', `项目已于 ${record.signedOn} 登记签约，不能重复登记。`));
      const r = next({ signedOn: event.signedOn, status: from === 'approved' ? 'effective' : from });
      return { ok: true, record: r, entry: entry(r, 'sign', actor, at, from, null, { signedOn: event.signedOn }) };
    }

    case 'amend': {
      if (from !== 'approved' && from !== 'effective')
        return fail(sharingError('NOT_APPROVED', `记录${STATUS_NAMES[from]}，尚未批准：请直接修改条款，无需发起变更。`));
      if (actor.role !== 'manager' && !sideOf(record, actor)) return fail(partyError(record, actor, '发起变更'));
      const reason = (event.reason ?? '').trim();
      if (!reason) return fail(sharingError('COMMENT_REQUIRED', '发起变更须填写变更原因：请说明调整内容及依据。'));
      if (!event.newId || event.newId === record.id) return fail(sharingError('INVALID_INPUT', '变更须使用新的记录编号。'));
      const shape = checkTermsShape(event.terms);
      if (shape.length) return fail(shape[0]!);
      if (sameTerms(event.terms, record.terms)) return fail(sharingError('AMENDMENT_UNCHANGED', '变更后的条款与已批准版本相同：请修改条款后再提交变更。'));
      const amended = freezeRecord({
        ...record,
        id: event.newId,
        version: record.version + 1,
        supersedes: record.id,
        revision: 1,
        terms: event.terms,
        ...proposedState(actor, at),
        amendmentReason: reason,
      });
      return {
        ok: true,
        record: amended,
        entry: entry(amended, 'amend', actor, at, null, reason, { supersedes: record.id, previousVersion: record.version, previousTerms: record.terms }),
      };
    }
  }
}

/** The parts of a record that are frozen once it is approved (everything but status, signing stamp and revision). */
export function agreementOf(record: SharingRecord): Omit<SharingRecord, 'status' | 'signedOn' | 'revision'> {
  const { status: _s, signedOn: _d, revision: _r, ...agreement } = record;
  return agreement;
}

/** Events the actor may attempt now (for showing buttons); payload checks still happen in `transition`. */
export function allowedEvents(record: SharingRecord, actor: Actor): SharingEventType[] {
  const probe = '2000-01-01T00:00:00.000Z';
  const tries: SharingEvent[] = [
    { type: 'confirm' },
    { type: 'approve', comment: '同意' },
    { type: 'reject', comment: '驳回' },
    { type: 'edit_terms', terms: record.terms as ValidatedTerms },
    { type: 'sign', signedOn: '2000-01-01' },
    { type: 'amend', newId: `${record.id}#probe`, terms: record.terms as ValidatedTerms, reason: '变更' },
  ];
  return tries
    .filter((e) => {
      const r = transition(record, e, actor, probe);
      return r.ok || r.error.code === 'AMENDMENT_UNCHANGED';
    })
    .map((e) => e.type);
}
