import { seesWorkLog, workSide, writesFollowUps, type Viewer } from '#domain';
import { DomainError } from '#errors';
import type { Repositories } from '#persistence';
import type { LeadService } from './lead.service.js';

/**
 * A lead's work log (跟进记录, 附件), read: by those who see the lead in full. `what` names the part in the refusal.
 */
export async function seenWorkLog(leads: LeadService, r: Repositories, leadId: string, viewer: Viewer, what: string) {
  const found = await leads.visible(r, leadId, viewer);
  if (!seesWorkLog(found.view)) throw new DomainError('WORK_LOG_FORBIDDEN', `${what}只对来源板块、承接园区和市科技局开放`);
  return found;
}

/** Written: by those who also work the lead at a desk (its side). `doing` names the act in the refusal. */
export async function writableWorkLog(leads: LeadService, r: Repositories, leadId: string, viewer: Viewer, doing: string, o: { forUpdate?: boolean } = {}) {
  const found = await leads.visible(r, leadId, viewer, o);
  const side = workSide(viewer);
  if (!writesFollowUps(viewer, found.view) || !side) throw new DomainError('WORK_LOG_FORBIDDEN', `只有来源板块、承接园区和市科技局可以${doing}`);
  return { ...found, side };
}
