import { randomUUID } from 'node:crypto';
import { duplicateHold, type TakenMatch } from '#domain';
import { COMPANY_NAME_THRESHOLD } from '#intake';
import { type LeadRow, type Repositories } from '#persistence';

/** Trigram similarity above which two descriptions are taken for the same project. */
export const DESCRIPTION_THRESHOLD = 0.7;

/**
 * 项目撞车: links each lead to earlier reports of the same company or project. Never drops either;
 * the earlier report keeps its standing as 首报 until a manager settles otherwise. A pair of two
 * boards is a 项目撞车 for the manager; a pair inside one board is that board's own repeat.
 * Idempotent: a pair is linked once, whichever of its leads is scored first (or both in one batch).
 * Set-based: one search and one insert for the whole batch of scored leads.
 */
export async function detectDuplicates(r: Repositories, batch: { lead: LeadRow; primarySector: string | null }[]): Promise<number> {
  if (!batch.length) return 0;
  await r.leads.narrowTrigramSearch(COMPANY_NAME_THRESHOLD);
  const hits = await r.leads.duplicateCandidates(
    batch.map(({ lead, primarySector }) => ({ id: lead.id, creditCode: lead.credit_code, companyNorm: lead.company_norm, description: lead.description, descriptionBands: lead.description_bands, primarySector })),
    COMPANY_NAME_THRESHOLD,
    DESCRIPTION_THRESHOLD,
  );
  const reasonOrder = { credit_code: 0, company_name: 1, description: 2 } as const;
  hits.sort((a, b) => reasonOrder[a.reason] - reasonOrder[b.reason]);
  const byId = new Map(batch.map((b) => [b.lead.id, b.lead]));
  const pairs = new Map<string, { lead: LeadRow; link: Parameters<Repositories['duplicates']['linkMany']>[0][number]; event: Record<string, unknown> }>();
  for (const c of hits) {
    const lead = byId.get(c.lead_id)!;
    const key = [c.lead_id, c.id].sort().join('/');
    if (pairs.has(key)) continue; // the strongest reason per pair (credit code, then name, then text), once per batch
    // Earlier report first; leads stored in one statement share created_at, so the code (a sequence) breaks the tie.
    const otherFirst = c.created_at.getTime() < lead.created_at.getTime() || (c.created_at.getTime() === lead.created_at.getTime() && c.code < lead.code);
    const [first, later] = otherFirst ? [c.id, lead.id] : [lead.id, c.id];
    const crossBoard = c.origin_board_id !== lead.origin_board_id;
    pairs.set(key, {
      lead,
      link: { id: randomUUID(), leadId: later, otherLeadId: first, reason: c.reason, similarity: Math.round(c.similarity * 1000) / 1000, firstReportLeadId: first, crossBoard },
      event: { otherLeadId: c.id, reason: c.reason, similarity: c.similarity, crossBoard },
    });
  }
  const linked = await r.duplicates.linkMany([...pairs.values()].map((p) => p.link));
  const fresh = [...pairs.values()].filter((p) => linked.has(p.link.id));
  await r.leads.addEvents(fresh.map((p) => ({ leadId: p.lead.id, kind: 'duplicate-flagged', actor: 'system', data: p.event })));
  return fresh.length;
}

/**
 * For a batch: the holding project of each lead that has one. Only leads with a flagged cross-board company pair
 * can be held, so the full look-up runs for those alone.
 */
export async function holdingProjects(r: Repositories, leads: Pick<LeadRow, 'id' | 'origin_board_id'>[]): Promise<Map<string, TakenMatch>> {
  const out = new Map<string, TakenMatch>();
  const candidates = await r.duplicates.withFlaggedCompanyPairs(leads.map((l) => l.id));
  for (const lead of leads.filter((l) => candidates.has(l.id))) {
    const hold = await holdingProject(r, lead);
    if (hold) out.set(lead.id, hold);
  }
  return out;
}

/** The project that holds this lead for the manager (疑似撞车, see `duplicateHold`), or null. */
export async function holdingProject(r: Repositories, lead: Pick<LeadRow, 'id' | 'origin_board_id'>): Promise<TakenMatch | null> {
  const rows = await r.duplicates.acceptedElsewhere(lead.id);
  return duplicateHold(lead.origin_board_id, rows.map((o) => ({
    duplicateId: o.duplicate_id, leadId: o.id, code: o.code, originBoard: o.origin_board_id, stage: o.stage, parkId: o.accepted_park_id, parkName: o.park_name,
  })));
}

/** "XS000123（海安市报送，南通XX园区已接收，阶段：投产）": how a person is told which report came first. */
export function describeFirstReport(m: TakenMatch, boardName: (id: string) => string): string {
  return `${m.code}（${boardName(m.originBoard)}报送${m.parkName ? `，${m.parkName}已接收` : ''}${m.stage ? `，阶段：${m.stage}` : ''}）`;
}
