import { sql, type Selectable } from 'kysely';
import type { Actor, Confirmation, Decision, HistoryEntry, RecordStatus, SharingRecord, SharingTerms } from '#sharing';
import type { Executor } from './executor.js';
import type { SharingHistoryTable, SharingIndicatorValueTable, SharingRecordTable } from './schema.js';

export type SharingRecordRow = Selectable<SharingRecordTable>;
export type SharingHistoryRow = Selectable<SharingHistoryTable>;
export type SharingIndicatorValueRow = Selectable<SharingIndicatorValueTable>;

export interface SharingIndicatorValueWrite {
  id: string;
  lineageId: string;
  indicator: string;
  periodFrom: string;
  periodTo: string;
  amountYuan: bigint;
  note: string | null;
  enteredBy: Record<string, unknown>;
  enteredAt: string;
}

/** Row-level filter; the lineage-invariant keys (board, park) only, so whole lineages come back. */
export interface SharingRecordScope {
  boardId?: string;
  boardSide?: 'origin' | 'receiving' | 'either';
  parkId?: string;
  statuses?: string[];
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** A stored version as libs/sharing's record: the json columns were written from these very shapes. */
function toSharingRecord(row: SharingRecordRow): SharingRecord {
  return Object.freeze({
    id: row.id,
    lineageId: row.lineage_id,
    version: row.version,
    supersedes: row.supersedes,
    revision: row.revision,
    offerId: row.offer_id,
    leadId: row.lead_id,
    projectName: row.project_name,
    originBoardId: row.origin_board_id,
    submittedBy: row.submitted_by,
    receivingParkId: row.receiving_park_id,
    receivingBoardId: row.receiving_board_id,
    terms: row.terms as unknown as SharingTerms,
    status: row.status as RecordStatus,
    proposedAt: row.proposed_at.toISOString(),
    proposedBy: row.proposed_by as unknown as Actor,
    originConfirmation: row.origin_confirmation as unknown as Confirmation | null,
    receiverConfirmation: row.receiver_confirmation as unknown as Confirmation | null,
    decision: row.decision as unknown as Decision | null,
    signedOn: row.signed_on,
    amendmentReason: row.amendment_reason,
  });
}

function toHistoryEntry(row: SharingHistoryRow): HistoryEntry {
  return {
    recordId: row.record_id,
    revision: row.revision,
    event: row.event as HistoryEntry['event'],
    at: row.at.toISOString(),
    actor: row.actor as unknown as Actor,
    fromStatus: row.from_status as RecordStatus | null,
    toStatus: row.to_status as RecordStatus,
    comment: row.comment,
    details: row.details,
  };
}

/**
 * The benefit-sharing ledger. Updates are compare-and-set on `revision` (`where id = ? and revision = ?`):
 * the caller gets `false` when someone else wrote first and must reload. History is append-only; the
 * database refuses updates and deletes of it, and edits of approved records (see migration 0003).
 */
export class SharingRecordRepository {
  constructor(private readonly db: Executor) {}

  async insert(r: SharingRecord): Promise<void> {
    await this.db
      .insertInto('sharing_records')
      .values({
        id: r.id,
        lineage_id: r.lineageId,
        version: r.version,
        supersedes: r.supersedes,
        revision: r.revision,
        status: r.status,
        offer_id: r.offerId,
        lead_id: r.leadId,
        project_name: r.projectName,
        origin_board_id: r.originBoardId,
        submitted_by: r.submittedBy,
        receiving_park_id: r.receivingParkId,
        receiving_board_id: r.receivingBoardId,
        terms: JSON.stringify(r.terms),
        proposed_at: r.proposedAt,
        proposed_by: JSON.stringify(r.proposedBy),
        origin_confirmation: json(r.originConfirmation),
        receiver_confirmation: json(r.receiverConfirmation),
        decision: json(r.decision),
        decided_at: r.decision?.at ?? null,
        signed_on: r.signedOn,
        amendment_reason: r.amendmentReason,
      })
      .execute();
  }

  /**
   * Writes the mutable parts of a record version if nobody changed it since `expectedRevision`.
   * Returns false when the compare-and-set lost (another writer got there first).
   */
  async compareAndSet(r: SharingRecord, expectedRevision: number): Promise<boolean> {
    const res = await this.db
      .updateTable('sharing_records')
      .set({
        revision: r.revision,
        status: r.status,
        terms: JSON.stringify(r.terms),
        origin_confirmation: json(r.originConfirmation),
        receiver_confirmation: json(r.receiverConfirmation),
        decision: json(r.decision),
        decided_at: r.decision?.at ?? null,
        signed_on: r.signedOn,
        updated_at: new Date(),
      })
      .where('id', '=', r.id)
      .where('revision', '=', expectedRevision)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** One step of a record's history, in its lineage. */
  async appendHistory(record: Pick<SharingRecord, 'lineageId'>, e: HistoryEntry): Promise<void> {
    await this.db
      .insertInto('sharing_history')
      .values({
        record_id: e.recordId,
        lineage_id: record.lineageId,
        revision: e.revision,
        event: e.event,
        at: e.at,
        actor: JSON.stringify(e.actor),
        actor_role: e.actor.role,
        actor_id: e.actor.id,
        from_status: e.fromStatus,
        to_status: e.toStatus,
        comment: e.comment,
        details: JSON.stringify(e.details),
      } as never)
      .execute();
  }

  async find(id: string): Promise<SharingRecord | undefined> {
    const row = await this.db.selectFrom('sharing_records').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toSharingRecord(row);
  }

  /** All versions of one agreement, version 1 first. */
  async lineage(lineageId: string): Promise<SharingRecord[]> {
    return (await this.db.selectFrom('sharing_records').selectAll().where('lineage_id', '=', lineageId).orderBy('version').execute()).map(toSharingRecord);
  }

  async forLead(leadId: string): Promise<SharingRecord[]> {
    return (await this.db.selectFrom('sharing_records').selectAll().where('lead_id', '=', leadId).orderBy('lineage_id').orderBy('version').execute()).map(toSharingRecord);
  }

  /** Every version of the agreements in scope (board and park are the same across a lineage). */
  async list(scope: SharingRecordScope): Promise<SharingRecord[]> {
    let q = this.db.selectFrom('sharing_records').selectAll();
    if (scope.boardId) {
      const b = scope.boardId;
      const side = scope.boardSide ?? 'either';
      q =
        side === 'origin'
          ? q.where('origin_board_id', '=', b)
          : side === 'receiving'
            ? q.where('receiving_board_id', '=', b)
            : q.where((eb) => eb.or([eb('origin_board_id', '=', b), eb('receiving_board_id', '=', b)]));
    }
    if (scope.parkId) q = q.where('receiving_park_id', '=', scope.parkId);
    return (await q.orderBy('proposed_at', 'desc').orderBy('id').execute()).map(toSharingRecord);
  }

  /** Every version of every record, by lineage: totals count what is in force and list the rest with the reason. */
  async allVersions(): Promise<SharingRecord[]> {
    return (await this.db.selectFrom('sharing_records').selectAll().orderBy('lineage_id').orderBy('version').execute()).map(toSharingRecord);
  }

  async history(lineageId: string): Promise<HistoryEntry[]> {
    return (await this.db.selectFrom('sharing_history').selectAll().where('lineage_id', '=', lineageId).orderBy('id').execute()).map(toHistoryEntry);
  }

  /** Inserts or corrects one value; a correction keeps the previous amount, who and when. */
  async upsertValue(v: SharingIndicatorValueWrite): Promise<void> {
    await this.db
      .insertInto('sharing_indicator_values')
      .values({
        id: v.id,
        lineage_id: v.lineageId,
        indicator: v.indicator,
        period_from: v.periodFrom,
        period_to: v.periodTo,
        amount_yuan: v.amountYuan.toString(),
        note: v.note,
        entered_by: JSON.stringify(v.enteredBy),
        entered_at: v.enteredAt,
        previous_amount_yuan: null,
      })
      .onConflict((oc) =>
        oc.columns(['lineage_id', 'indicator', 'period_from', 'period_to']).doUpdateSet({
          previous_amount_yuan: sql`sharing_indicator_values.amount_yuan`,
          amount_yuan: v.amountYuan.toString(),
          note: v.note,
          entered_by: JSON.stringify(v.enteredBy),
          entered_at: v.enteredAt,
        }),
      )
      .execute();
  }

  async values(lineageIds: string[], period?: { from: string; to: string }): Promise<SharingIndicatorValueRow[]> {
    if (!lineageIds.length) return [];
    let q = this.db.selectFrom('sharing_indicator_values').selectAll().where('lineage_id', 'in', lineageIds);
    // A value counts in a period when its own period lies inside it.
    if (period) q = q.where('period_from', '>=', period.from).where('period_to', '<=', period.to);
    return q.orderBy('lineage_id').orderBy('period_from').orderBy('indicator').execute();
  }

  /** Dates of the lead's stage moves (签约, 开工…), first time each stage was reached. */
  async stageDates(leadIds: string[]): Promise<{ lead_id: string; stage: string; at: Date }[]> {
    if (!leadIds.length) return [];
    return this.db
      .selectFrom('lead_events')
      .select(['lead_id', sql<string>`data->>'to'`.as('stage'), sql<Date>`min(at)`.as('at')])
      .where('lead_id', 'in', leadIds)
      .where('kind', '=', 'stage')
      .groupBy(['lead_id', sql`data->>'to'`])
      .execute();
  }
}
