import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { isCityWide, type Viewer } from '#domain';
import { UnitOfWork } from '#persistence';
import { forbidden } from './domain-error.js';
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

  /** Escalates offers past their answer deadline that were not escalated yet; returns how many. */
  async escalate(now = new Date()): Promise<number> {
    const n = await this.uow.transaction(async (r) => {
      const { items } = await r.offers.overdue(now, {}, { limit: 500, offset: 0 });
      const fresh = items.filter((o) => !o.escalated_at);
      if (!fresh.length) return 0;
      await r.offers.markEscalated(fresh.map((o) => o.id));
      await notify(r, [
        ...fresh.map((o) => ({ recipientKind: 'park' as const, recipientId: o.park_id, kind: 'overdue', leadId: o.lead_id, offerId: o.id, title: `推荐 ${o.lead_code} 已超过答复时限`, body: `答复期限为 ${o.respond_by.toISOString()}，请尽快接收或拒绝。` })),
        { recipientKind: 'manager' as const, recipientId: MANAGER_INBOX, kind: 'overdue', title: `${fresh.length} 条推荐超时未答复`, body: fresh.map((o) => `${o.park_name}：${o.lead_code}`).join('；').slice(0, 1000) },
      ]);
      return fresh.length;
    });
    return n;
  }
}

/** Checks the response clocks every minute in the worker. */
@Injectable()
export class DeadlineWatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('DeadlineWatcher');
  private timer?: NodeJS.Timeout;
  constructor(private readonly deadlines: DeadlineService) {}
  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.deadlines.escalate().then((n) => n && this.log.log(`escalated ${n} overdue offers`), (e: Error) => this.log.warn(e.message));
    }, 60_000);
    this.timer.unref();
  }
  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
