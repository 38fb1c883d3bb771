import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { loadUnits } from '#catalog';
import { DATABASE } from '#core';
import { normalizeCompanyName, parseLeadInput, toWanYuan, type LeadInput } from '#intake';
import { JOBS } from '#queues';
import { LEAD_STATUS, type DatabaseHandle, type LeadFilter, type LeadRow } from '#persistence';
import { invalid, notFound } from './domain-error.js';
import { OutboxRelay } from './outbox-relay.js';
import { inTransaction, Repos } from './repositories.js';

export interface LeadCreated {
  id: string;
  code: string;
  created: boolean;
}

@Injectable()
export class LeadService {
  private readonly units = loadUnits();
  private boards?: Set<string>;

  constructor(@Inject(DATABASE) private readonly database: DatabaseHandle, private readonly relay: OutboxRelay) {}

  async knownBoards(): Promise<Set<string>> {
    this.boards ??= new Set((await new Repos(this.database.db).parks.listBoards()).map((b) => b.id));
    return this.boards;
  }

  /** Validates raw input with the intake rules; throws a 400-kind error listing every field problem. */
  async validate(raw: unknown): Promise<LeadInput> {
    const parsed = parseLeadInput(raw, { boards: await this.knownBoards(), usdToCny: this.units.usdToCny });
    if (!parsed.ok) throw invalid(parsed.errors.map((e) => e.message).join('；'), parsed.errors);
    return parsed.lead;
  }

  toNewLead(lead: LeadInput, extra: { idempotencyKey?: string | null; importBatchId?: string; importRow?: number } = {}) {
    return {
      id: randomUUID(),
      originBoardId: lead.originBoard,
      submitter: lead.submitter,
      company: lead.company ?? null,
      companyNorm: lead.company ? normalizeCompanyName(lead.company) || null : null,
      creditCode: lead.creditCode ?? null,
      description: lead.description,
      sector: lead.sector ?? null,
      amountValue: lead.amount?.value ?? null,
      amountUnit: lead.amount?.unit ?? null,
      amountWan: lead.amount ? toWanYuan(lead.amount, { usdToCny: this.units.usdToCny }) : null,
      landMu: lead.landMu ?? null,
      channel: lead.channel ?? null,
      contacts: lead.contacts,
      idempotencyKey: extra.idempotencyKey ?? null,
      importBatchId: extra.importBatchId ?? null,
      importRow: extra.importRow ?? null,
    };
  }

  /** The lead and its scoring work commit together: a lead is never stored without its job. */
  async create(raw: unknown, idempotencyKey?: string): Promise<LeadCreated> {
    const lead = await this.validate(raw);
    const result = await inTransaction(this.database.db, async (r) => {
      const res = await r.leads.insert(this.toNewLead(lead, { idempotencyKey }));
      if (res.created) {
        await r.leads.addEvent(res.id, 'created', lead.submitter, { channel: lead.channel ?? null });
        await r.outbox.add(JOBS.scoreLead.name, { leadId: res.id, scoringRound: 0 });
      }
      return res;
    });
    if (result.created) this.relay.nudge();
    return result;
  }

  async list(filter: LeadFilter, page: { limit: number; offset: number }) {
    const { items, total } = await new Repos(this.database.db).leads.list(filter, page);
    return { items: items.map(summary), total, limit: page.limit, offset: page.offset };
  }

  async detail(id: string) {
    const r = new Repos(this.database.db);
    const lead = await r.leads.find(id);
    if (!lead) throw notFound(`线索 ${id} 不存在`);
    const [ranking, offers, events, duplicates] = await Promise.all([
      lead.current_ranking_id ? r.rankings.find(lead.current_ranking_id) : undefined,
      r.offers.forLead(id),
      r.leads.events(id),
      r.duplicates.forLead(id),
    ]);
    return {
      ...summary(lead),
      contacts: lead.contacts,
      ranking: ranking
        ? { id: ranking.id, round: ranking.scoring_round, engineVersion: ranking.engine_version, profileVersions: ranking.profile_versions, noFit: ranking.no_fit, primarySector: ranking.primary_sector, results: ranking.results, createdAt: ranking.created_at }
        : null,
      offers: offers.map((o) => ({
        id: o.id, parkId: o.park_id, park: o.park_name, board: o.board_id, score: o.score, rank: o.rank, status: o.status,
        declineReason: o.decline_reason, declineNote: o.decline_note, respondBy: o.respond_by, assessBy: o.assess_by,
        decidedBy: o.decided_by, decidedAt: o.decided_at, createdAt: o.created_at, reasons: o.reasons,
      })),
      duplicates: duplicates.map((d) => ({
        id: d.id, reason: d.reason, similarity: d.similarity, status: d.status, firstReportLeadId: d.first_report_lead_id,
        otherLeadId: d.lead_id === id ? d.other_lead_id : d.lead_id, otherLeadCode: d.lead_id === id ? d.other_lead_code : d.lead_code,
        otherBoard: d.lead_id === id ? d.other_board : d.lead_board, settledBy: d.settled_by, comment: d.comment,
      })),
      history: events,
    };
  }
}

export function summary(l: LeadRow) {
  return {
    id: l.id,
    code: l.code,
    originBoard: l.origin_board_id,
    submitter: l.submitter,
    company: l.company,
    creditCode: l.credit_code,
    description: l.description,
    sector: l.sector,
    primarySector: l.primary_sector,
    amount: l.amount_value !== null ? { value: l.amount_value, unit: l.amount_unit, wanYuan: l.amount_wan } : null,
    landMu: l.land_mu,
    channel: l.channel,
    status: l.status,
    stage: l.stage,
    acceptedParkId: l.accepted_park_id,
    scoringRound: l.scoring_round,
    createdAt: l.created_at,
    updatedAt: l.updated_at,
  };
}

export { LEAD_STATUS };
