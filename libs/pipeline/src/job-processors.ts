import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { BatchJobHandler, JobHandler, type JobPayload } from '#queues';
import { NotificationService } from './notification.service.js';
import { OfferDispatchService } from './offer-dispatch.service.js';
import { ProspectService } from './prospect.service.js';
import { RescoreService } from './rescore.service.js';
import { ScoringService } from './scoring.service.js';

/** Thin: each handler takes validated payloads and calls one service. */
@Injectable()
export class JobProcessors {
  constructor(
    private readonly scoring: ScoringService,
    private readonly dispatch: OfferDispatchService,
    private readonly notifications: NotificationService,
    private readonly rescore: RescoreService,
    private readonly prospects: ProspectService,
  ) {}

  /** Ready scoring jobs go together: one transaction and a few set-based statements per batch. */
  @BatchJobHandler('scoreLead')
  scoreLeads(ps: JobPayload<'scoreLead'>[]) {
    return this.scoring.scoreMany(ps);
  }

  @BatchJobHandler('distributeLead')
  distributeLeads(ps: JobPayload<'distributeLead'>[]) {
    return this.dispatch.shareMany(ps);
  }

  @JobHandler('notify')
  notify(p: JobPayload<'notify'>, job: Job) {
    return this.notifications.deliver(p.notificationId, { made: job.attemptsMade, max: job.opts.attempts ?? 1 });
  }

  @JobHandler('scoreProspects')
  scoreProspects(p: JobPayload<'scoreProspects'>) {
    return this.prospects.scoreChunk(p.batchId, p.chunk);
  }

  @JobHandler('rescoreOpenLeads')
  rescoreOpenLeads(p: JobPayload<'rescoreOpenLeads'>, job: Job) {
    return this.rescore.run(p.runId, (pct) => job.updateProgress(pct));
  }
}
