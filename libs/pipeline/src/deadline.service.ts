import { Injectable } from '@nestjs/common';
import { isCityWide, type Viewer } from '#domain';
import { UnitOfWork } from '#persistence';
import { forbidden } from '#errors';
import { IntervalWatcher } from './interval-watcher.js';
import { MANAGER_INBOX, notify } from './notices.js';

/** Response clocks: overdue offers are listed for managers and escalated once. */
@Injectable()
export class DeadlineService {
  constructor(private readonly uow: UnitOfWork) {}

  /** City-wide users see every park's overdue offers; a park operator only its own park's. */
  overdue(now: Date, filter: { parkId?: string }, page: { limit: number; offset: number }, viewer: Viewer) {
    if (!isCityWide(viewer)) {
      if (viewer.role !== 'park_operator') throw forbidden('超时推荐列表仅供市科技局与园区查看');
      if (filter.parkId && filter.parkId !== viewer.parkId) throw forbidden(`只能查看本园区（${viewer.parkId}）的超时推荐`);
      filter = { parkId: viewer.parkId };
    }
    return this.uow.read((r) => r.offers.overdue(now, filter, page));
  }

  /**
   * Enforces both clocks of config/distribution-policy.json: an open offer past its answer deadline (respondWithinHours)
   * is escalated once, and once more past its assessment deadline (assessWithinHours) if still undecided. Works through
   * every due offer in batches; returns how many escalations were made per clock.
   */
  async escalate(now = new Date(), o: { batch?: number } = {}): Promise<{ respond: number; assess: number }> {
    const batch = o.batch ?? 500;
    const done = { respond: 0, assess: 0 };
    for (const clock of ['respond', 'assess'] as const)
      for (;;) {
        const { seen, escalated } = await this.uow.transaction(async (r) => {
          const due = await r.offers.dueForEscalation(clock, now, batch);
          const marked = new Set(await r.offers.markEscalated(clock, due.map((d) => d.id), now));
          const fresh = due.filter((d) => marked.has(d.id));
          if (fresh.length) await notify(r, [...fresh.map((d) => noticeToPark(clock, d)), noticeToManager(clock, fresh)]);
          return { seen: due.length, escalated: fresh.length };
        });
        done[clock] += escalated;
        if (seen < batch) break;
      }
    return done;
  }
}

type DueOffer = { id: string; lead_id: string; lead_code: string; park_id: string; park_name: string; respond_by: Date; assess_by: Date };

const CLOCK_WORDS = { respond: { what: '答复时限', when: (d: DueOffer) => d.respond_by }, assess: { what: '研判时限', when: (d: DueOffer) => d.assess_by } };

function chinaTime(d: Date): string {
  return d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

function noticeToPark(clock: 'respond' | 'assess', d: DueOffer) {
  const w = CLOCK_WORDS[clock];
  return {
    recipientKind: 'park' as const, recipientId: d.park_id, kind: clock === 'respond' ? 'overdue' : 'assess-overdue', leadId: d.lead_id, offerId: d.id,
    title: `推荐 ${d.lead_code} 已超过${w.what}`,
    body: clock === 'respond' ? `答复期限为 ${chinaTime(w.when(d))}，请尽快接收或拒绝。` : `研判期限为 ${chinaTime(w.when(d))}，仍未作出接收或拒绝，已报市科技局。`,
  };
}

function noticeToManager(clock: 'respond' | 'assess', fresh: DueOffer[]) {
  return {
    recipientKind: 'manager' as const, recipientId: MANAGER_INBOX, kind: clock === 'respond' ? 'overdue' : 'assess-overdue',
    title: `${fresh.length} 条推荐超过${CLOCK_WORDS[clock].what}未答复`,
    body: fresh.map((o) => `${o.park_name}：${o.lead_code}`).join('；').slice(0, 1000),
  };
}

/** Checks the response clocks every minute in the worker. */
@Injectable()
export class DeadlineWatcher extends IntervalWatcher {
  constructor(private readonly deadlines: DeadlineService) {
    super('DeadlineWatcher', 60_000);
  }
  protected async run() {
    const n = await this.deadlines.escalate();
    return n.respond || n.assess ? `escalated overdue offers: ${n.respond} past the answer clock, ${n.assess} past the assessment clock` : undefined;
  }
}
