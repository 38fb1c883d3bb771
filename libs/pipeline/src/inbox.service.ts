import { Injectable } from '@nestjs/common';
import { canReadPark, isStage, nextStages, type Viewer } from '#domain';
import { OFFER_STATUS, UnitOfWork } from '#persistence';
import { DomainError, forbidden } from '#errors';

/**
 * A park's inbox. Until the park accepts, an offer is a de-identified summary: sector, amount, needs,
 * score, reasons and the redacted description; the repository does not return the company, contacts
 * or raw text of an offer not accepted.
 */
@Injectable()
export class InboxService {
  constructor(private readonly uow: UnitOfWork) {}

  async list(parkId: string, filter: { status?: string; ownerId?: string }, page: { limit: number; offset: number }, viewer: Viewer) {
    if (!canReadPark(viewer, parkId)) throw forbidden(`只能查看本园区的收件箱${viewer.parkId ? `（${viewer.parkId}）` : ''}`);
    return this.uow.read(async (r) => {
      if (!(await r.parks.findPark(parkId))) throw new DomainError('PARK_NOT_FOUND', `园区 ${parkId} 不存在`);
      const { items, total } = await r.offers.forPark(parkId, filter, page);
      const names = await r.users.namesOf(items.flatMap((o) => (o.park_owner_id ? [o.park_owner_id] : [])));
      return {
        total,
        limit: page.limit,
        offset: page.offset,
        items: items.map((o) => {
          const revealed = o.status === OFFER_STATUS.accepted;
          return {
            offerId: o.id,
            leadId: o.lead_id,
            leadCode: o.lead_code,
            status: o.status,
            score: o.score,
            rank: o.rank,
            reasons: o.reasons,
            sector: o.primary_sector ?? o.sector,
            summary: o.description,
            amount: o.amount_value !== null ? { value: o.amount_value, unit: o.amount_unit, wanYuan: o.amount_wan } : null,
            landMu: o.land_mu,
            channel: o.channel,
            originBoard: o.origin_board_id,
            respondBy: o.respond_by,
            assessBy: o.assess_by,
            overdue: o.status === OFFER_STATUS.open && o.respond_by.getTime() < Date.now(),
            createdAt: o.created_at,
            stage: revealed ? o.stage : null,
          nextStages: revealed && o.stage && isStage(o.stage) ? nextStages(o.stage, o.paused_from) : [],
            company: o.company,
            contacts: o.contacts,
            owner: o.park_owner_id ? { id: o.park_owner_id, name: names.get(o.park_owner_id) ?? '' } : null,
          };
        }),
      };
    });
  }
}
