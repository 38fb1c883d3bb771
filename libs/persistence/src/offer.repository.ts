import { sql, type Selectable } from 'kysely';
import { OFFER_STATUS } from '#domain';
import type { Executor } from './executor.js';
import { pageOf } from './paging.js';
import type { ContactRow, OfferTable } from './schema.js';

export { OFFER_STATUS };

export type OfferRow = Selectable<OfferTable>;

export interface NewOffer {
  id: string;
  leadId: string;
  parkId: string;
  rankingId: string;
  score: number;
  rank: number;
  reasons: unknown[];
  respondBy: Date;
  assessBy: Date;
}

/** The two response clocks of an offer (config/distribution-policy.json): answer, then finish the assessment. */
export type OfferClock = 'respond' | 'assess';
const CLOCK_COLUMNS = { respond: ['respond_by', 'escalated_at'], assess: ['assess_by', 'assess_escalated_at'] } as const;

export type OfferWithPark = OfferRow & { park_name: string; board_id: string };

export class OfferRepository {
  constructor(private readonly db: Executor) {}

  /** Inserts offers; a replay of the same ranking inserts nothing twice. Returns the ids actually inserted. */
  async insertMany(offers: NewOffer[]): Promise<string[]> {
    if (!offers.length) return [];
    const rows = await this.db
      .insertInto('offers')
      .values(
        offers.map((o) => ({
          id: o.id,
          lead_id: o.leadId,
          park_id: o.parkId,
          ranking_id: o.rankingId,
          score: o.score,
          rank: o.rank,
          reasons: JSON.stringify(o.reasons),
          status: OFFER_STATUS.open,
          respond_by: o.respondBy,
          assess_by: o.assessBy,
        })),
      )
      .onConflict((oc) => oc.columns(['lead_id', 'park_id', 'ranking_id']).doNothing())
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }

  async forRanking(rankingId: string): Promise<OfferRow[]> {
    return this.db.selectFrom('offers').selectAll().where('ranking_id', '=', rankingId).execute();
  }

  async forLead(leadId: string): Promise<OfferWithPark[]> {
    return (await this.forLeads([leadId])).get(leadId) ?? [];
  }

  /** The offers of many leads (with their park's name and board) in one statement, oldest first, then by rank. */
  async forLeads(leadIds: string[]): Promise<Map<string, OfferWithPark[]>> {
    const out = new Map<string, OfferWithPark[]>();
    if (!leadIds.length) return out;
    const rows = await this.db
      .selectFrom('offers')
      .innerJoin('parks', 'parks.id', 'offers.park_id')
      .selectAll('offers')
      .select(['parks.name as park_name', 'parks.board_id'])
      .where('offers.lead_id', 'in', leadIds)
      .orderBy('offers.created_at')
      .orderBy('offers.rank')
      .execute();
    for (const r of rows) {
      const list = out.get(r.lead_id);
      if (list) list.push(r);
      else out.set(r.lead_id, [r]);
    }
    return out;
  }

  /** Withdraws these open offers in one statement (a batch of rescores). */
  async withdrawMany(offerIds: string[], decidedBy: string): Promise<void> {
    if (!offerIds.length) return;
    await this.db
      .updateTable('offers')
      .set({ status: OFFER_STATUS.withdrawn, decided_by: decidedBy, decided_at: new Date() })
      .where('id', 'in', offerIds)
      .where('status', '=', OFFER_STATUS.open)
      .execute();
  }

  /**
   * A park's offers: scoped by park, always. Until the park accepted, the lead's text comes de-identified
   * and its company and contacts do not leave the database.
   */
  /** A park's offers; `ownerId`: only the projects it accepted whose park 责任人 is that user. */
  async forPark(parkId: string, f: { status?: string; ownerId?: string }, page: { limit: number; offset: number }) {
    const taken = sql<boolean>`offers.status = ${OFFER_STATUS.accepted}`;
    let q = this.db.selectFrom('offers').innerJoin('leads', 'leads.id', 'offers.lead_id').where('offers.park_id', '=', parkId);
    if (f.status) q = q.where('offers.status', '=', f.status);
    if (f.ownerId) q = q.where('offers.status', '=', OFFER_STATUS.accepted).where('leads.park_owner_id', '=', f.ownerId);
    return pageOf(
      q,
      q
        .selectAll('offers')
        .select([
          'leads.code as lead_code',
          'leads.primary_sector',
          'leads.amount_value',
          'leads.amount_unit',
          'leads.amount_wan',
          'leads.land_mu',
          'leads.channel',
          'leads.origin_board_id',
          'leads.stage',
          'leads.paused_from',
          sql<string>`case when ${taken} then leads.description else leads.description_redacted end`.as('description'),
          sql<string | null>`case when ${taken} then leads.sector else leads.sector_redacted end`.as('sector'),
          sql<string | null>`case when ${taken} then leads.company end`.as('company'),
          sql<ContactRow[] | null>`case when ${taken} then leads.contacts end`.as('contacts'),
          sql<string | null>`case when ${taken} then leads.park_owner_id end`.as('park_owner_id'),
        ])
        .orderBy('offers.created_at', 'desc')
        .orderBy('offers.id'),
      page,
    );
  }

  async findForPark(parkId: string, offerId: string): Promise<OfferRow | undefined> {
    return this.db.selectFrom('offers').selectAll().where('id', '=', offerId).where('park_id', '=', parkId).executeTakeFirst();
  }

  async decide(offerId: string, set: { status: string; decidedBy: string; declineReason?: string | null; declineNote?: string | null }): Promise<number> {
    const r = await this.db
      .updateTable('offers')
      .set({ status: set.status, decided_by: set.decidedBy, decided_at: new Date(), decline_reason: set.declineReason ?? null, decline_note: set.declineNote ?? null })
      .where('id', '=', offerId)
      .where('status', '=', OFFER_STATUS.open)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async withdrawOthers(leadId: string, keepOfferId: string | null, actor: string): Promise<string[]> {
    let q = this.db
      .updateTable('offers')
      .set({ status: OFFER_STATUS.withdrawn, decided_by: actor, decided_at: new Date() })
      .where('lead_id', '=', leadId)
      .where('status', '=', OFFER_STATUS.open);
    if (keepOfferId) q = q.where('id', '!=', keepOfferId);
    const rows = await q.returning('id').execute();
    return rows.map((r) => r.id);
  }

  async countOpen(leadId: string): Promise<number> {
    const r = await this.db.selectFrom('offers').select(sql<number>`count(*)::int`.as('n')).where('lead_id', '=', leadId).where('status', '=', OFFER_STATUS.open).executeTakeFirstOrThrow();
    return r.n;
  }

  /** Open offers past their answer deadline (respond_by); assess_by passes later (an offer past it is past both). */
  async overdue(now: Date, f: { parkId?: string }, page: { limit: number; offset: number }) {
    let q = this.db
      .selectFrom('offers')
      .innerJoin('parks', 'parks.id', 'offers.park_id')
      .innerJoin('leads', 'leads.id', 'offers.lead_id')
      .where('offers.status', '=', OFFER_STATUS.open)
      .where('offers.respond_by', '<', now);
    if (f.parkId) q = q.where('offers.park_id', '=', f.parkId);
    return pageOf(
      q,
      q
        .select(['offers.id', 'offers.lead_id', 'leads.code as lead_code', 'offers.park_id', 'parks.name as park_name', 'offers.respond_by', 'offers.assess_by', 'offers.escalated_at', 'offers.assess_escalated_at', 'offers.created_at'])
        .orderBy('offers.respond_by'),
      page,
    );
  }

  /**
   * Open offers past one clock and not yet escalated for it, oldest deadline first: already-escalated offers
   * never fill the batch, so a new overdue offer is always reached.
   */
  async dueForEscalation(clock: OfferClock, now: Date, limit: number) {
    const [deadline, mark] = CLOCK_COLUMNS[clock];
    return this.db
      .selectFrom('offers')
      .innerJoin('parks', 'parks.id', 'offers.park_id')
      .innerJoin('leads', 'leads.id', 'offers.lead_id')
      .select(['offers.id', 'offers.lead_id', 'leads.code as lead_code', 'offers.park_id', 'parks.name as park_name', 'offers.respond_by', 'offers.assess_by'])
      .where('offers.status', '=', OFFER_STATUS.open)
      .where(`offers.${deadline}`, '<', now)
      .where(`offers.${mark}`, 'is', null)
      .orderBy(`offers.${deadline}`)
      .orderBy('offers.id')
      .limit(limit)
      .execute();
  }

  /** Marks offers escalated for a clock; returns the ids this call marked (a concurrent watcher gets the rest). */
  async markEscalated(clock: OfferClock, ids: string[], at: Date): Promise<string[]> {
    if (!ids.length) return [];
    const [, mark] = CLOCK_COLUMNS[clock];
    const rows = await this.db.updateTable('offers').set({ [mark]: at }).where('id', 'in', ids).where(mark, 'is', null).returning('id').execute();
    return rows.map((r) => r.id);
  }

  /** The open offer of each lead with the best rank (demo data accepts some of them). */
  async bestOpenOffers(leadIds: string[]) {
    if (!leadIds.length) return [];
    return this.db
      .selectFrom('offers')
      .select(['id', 'park_id', 'lead_id'])
      .where('lead_id', 'in', leadIds)
      .where('status', '=', 'open')
      .where('rank', '=', (eb) => eb.selectFrom('offers as o2').select((e) => e.fn.min('o2.rank').as('r')).whereRef('o2.lead_id', '=', 'offers.lead_id'))
      .orderBy('lead_id')
      .execute();
  }
}
