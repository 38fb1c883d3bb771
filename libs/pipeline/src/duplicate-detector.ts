import { randomUUID } from 'node:crypto';
import { type LeadRow, type Repositories } from '#persistence';

/** Trigram similarity above which two company names are taken for the same company. */
export const COMPANY_NAME_THRESHOLD = 0.55;
/** Trigram similarity above which two descriptions are taken for the same project. */
export const DESCRIPTION_THRESHOLD = 0.7;

/**
 * 项目撞车: links a lead to earlier reports of the same company or project. Never drops either;
 * the earlier report keeps its standing as 首报 until a manager settles otherwise.
 * Idempotent: a pair is linked once.
 */
export async function detectDuplicates(r: Repositories, lead: LeadRow, primarySector: string | null): Promise<number> {
  await r.leads.narrowTrigramSearch(COMPANY_NAME_THRESHOLD);
  const found = new Map<string, { reason: string; similarity: number; created_at: Date }>();
  for (const c of await r.leads.duplicateCandidates({ id: lead.id, creditCode: lead.credit_code, companyNorm: lead.company_norm }, COMPANY_NAME_THRESHOLD))
    found.set(c.id, { reason: c.reason, similarity: c.similarity, created_at: c.created_at });
  for (const c of await r.leads.similarDescriptions({ id: lead.id, description: lead.description, primarySector }, DESCRIPTION_THRESHOLD))
    if (!found.has(c.id)) found.set(c.id, { reason: 'description', similarity: c.similarity, created_at: c.created_at });
  let linked = 0;
  for (const [otherId, c] of found) {
    const firstIsOther = c.created_at.getTime() <= lead.created_at.getTime();
    // One row per unordered pair, always stored (earlier, later).
    const [a, b] = firstIsOther ? [otherId, lead.id] : [lead.id, otherId];
    const isNew = await r.duplicates.link({ id: randomUUID(), leadId: b, otherLeadId: a, reason: c.reason, similarity: Math.round(c.similarity * 1000) / 1000, firstReportLeadId: a });
    if (isNew) {
      linked++;
      await r.leads.addEvent(lead.id, 'duplicate-flagged', 'system', { otherLeadId: otherId, reason: c.reason, similarity: c.similarity });
    }
  }
  return linked;
}
