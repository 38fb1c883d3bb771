import { randomUUID } from 'node:crypto';
import { duplicateHold, type TakenMatch } from '#domain';
import { COMPANY_NAME_THRESHOLD } from '#intake';
import { type LeadRow, type Repositories } from '#persistence';

/** Trigram similarity above which two descriptions are taken for the same project. */
export const DESCRIPTION_THRESHOLD = 0.7;

/**
 * 项目撞车: links a lead to earlier reports of the same company or project. Never drops either;
 * the earlier report keeps its standing as 首报 until a manager settles otherwise. A pair of two
 * boards is a 项目撞车 for the manager; a pair inside one board is that board's own repeat.
 * Idempotent: a pair is linked once, whichever of its leads is scored first.
 */
export async function detectDuplicates(r: Repositories, lead: LeadRow, primarySector: string | null): Promise<number> {
  await r.leads.narrowTrigramSearch(COMPANY_NAME_THRESHOLD);
  const found = new Map<string, { reason: string; similarity: number; created_at: Date; code: string; origin_board_id: string }>();
  for (const c of await r.leads.duplicateCandidates({ id: lead.id, creditCode: lead.credit_code, companyNorm: lead.company_norm }, COMPANY_NAME_THRESHOLD)) found.set(c.id, c);
  for (const c of await r.leads.similarDescriptions({ id: lead.id, description: lead.description, primarySector }, DESCRIPTION_THRESHOLD))
    if (!found.has(c.id)) found.set(c.id, { ...c, reason: 'description' });
  let linked = 0;
  for (const [otherId, c] of found) {
    // Earlier report first; leads stored in one statement share created_at, so the code (a sequence) breaks the tie.
    const otherFirst = c.created_at.getTime() < lead.created_at.getTime() || (c.created_at.getTime() === lead.created_at.getTime() && c.code < lead.code);
    const [first, later] = otherFirst ? [otherId, lead.id] : [lead.id, otherId];
    const isNew = await r.duplicates.link({
      id: randomUUID(), leadId: later, otherLeadId: first, reason: c.reason, similarity: Math.round(c.similarity * 1000) / 1000,
      firstReportLeadId: first, crossBoard: c.origin_board_id !== lead.origin_board_id,
    });
    if (isNew) {
      linked++;
      await r.leads.addEvent(lead.id, 'duplicate-flagged', 'system', { otherLeadId: otherId, reason: c.reason, similarity: c.similarity, crossBoard: c.origin_board_id !== lead.origin_board_id });
    }
  }
  return linked;
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
