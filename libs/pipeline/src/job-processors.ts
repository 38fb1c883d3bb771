import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobHandler, type JobPayload } from '#queues';
import { NotificationService } from './notification.service.js';
import { OfferDispatchService } from './offer-dispatch.service.js';
import { RescoreService } from './rescore.service.js';
import { ScoringService } from './scoring.service.js';

/** Thin: each handler takes a validated payload and calls one service. */
@Injectable()
export class JobProcessors {
  constructor(
    private readonly scoring: ScoringService,
    private readonly dispatch: OfferDispatchService,
    private readonly notifications: NotificationService,
    private readonly rescore: RescoreService,
  ) {}

  @JobHandler('scoreLead')
  scoreLead(p: JobPayload<'scoreLead'>) {
    return this.scoring.score(p.leadId, p.scoringRound);
  }

  @JobHandler('shareLead')
  shareLead(p: JobPayload<'shareLead'>) {
    return this.dispatch.share(p.leadId, p.rankingId);
  }

  @JobHandler('notify')
  notify(p: JobPayload<'notify'>, job: Job) {
    return this.notifications.deliver(p.notificationId, { made: job.attemptsMade, max: job.opts.attempts ?? 1 });
  }

  @JobHandler('rescoreOpenLeads')
  rescoreOpenLeads(p: JobPayload<'rescoreOpenLeads'>, job: Job) {
    return this.rescore.run(p.runId, (pct) => job.updateProgress(pct));
  }
}
