import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { WORKER_OPTIONS, WorkerHost, type WorkerOptions } from '#queues';
import { AttachmentService } from './attachment.service.js';
import { DeadlineService, DeadlineWatcher } from './deadline.service.js';
import { ImportService } from './import.service.js';
import { InboxService } from './inbox.service.js';
import { JobProcessors } from './job-processors.js';
import { LeadService } from './lead.service.js';
import { FollowUpReminderWatcher, LeadWorkService } from './lead-work.service.js';
import { ListingMatchService } from './listing-match.service.js';
import { ListingService } from './listing.service.js';
import { ProspectService } from './prospect.service.js';
import { MatcherService } from './matcher.service.js';
import { MetricsProbes } from './metrics-probes.js';
import { MonthlyReportService } from './monthly-report.service.js';
import { NotificationService } from './notification.service.js';
import { OfferDecisionService } from './offer-decision.service.js';
import { OfferDispatchService } from './offer-dispatch.service.js';
import { OutboxRelay } from './outbox-relay.js';
import { ParkCatalogService } from './park-catalog.service.js';
import { ParkRevisionService } from './park-revision.service.js';
import { PlatformHealthService } from './platform-health.service.js';
import { PrecisionReportService } from './precision-report.service.js';
import { IndustryMapService } from './industry-map.service.js';
import { ParkChainService } from './park-chain.service.js';
import { RescoreService } from './rescore.service.js';
import { ReviewService } from './review.service.js';
import { ScoringService } from './scoring.service.js';
import { SharingLedgerService } from './sharing-ledger.service.js';
import { SharingLedgerViews } from './sharing-views.service.js';
import { StatsService } from './stats.service.js';
import { PeopleService } from './people.service.js';
import { WebhookClient } from './webhook-client.js';
import { WebhookService } from './webhook.service.js';
import { WorkerHeartbeat } from './worker-heartbeat.js';

const services = [
  LeadService,
  LeadWorkService,
  AttachmentService,
  InboxService,
  ImportService,
  MatcherService,
  ScoringService,
  OfferDispatchService,
  OfferDecisionService,
  NotificationService,
  RescoreService,
  ReviewService,
  DeadlineService,
  OutboxRelay,
  StatsService,
  PrecisionReportService,
  IndustryMapService,
  PeopleService,
  MonthlyReportService,
  ParkRevisionService,
  SharingLedgerService,
  SharingLedgerViews,
  ParkCatalogService,
  PlatformHealthService,
  WebhookClient,
  WebhookService,
  ListingService,
  ListingMatchService,
  MetricsProbes,
  ProspectService,
  ParkChainService,
];

/** The services of the lead pipeline; the API calls them, the worker's processors too. */
@Module({ providers: services, exports: services })
export class PipelineModule {}

/** The job side: BullMQ workers, their processors, the heartbeat and the response-clock watcher. */
@Module({})
export class PipelineWorkerModule {
  static register(options: WorkerOptions): DynamicModule {
    return {
      module: PipelineWorkerModule,
      imports: [DiscoveryModule, PipelineModule],
      providers: [{ provide: WORKER_OPTIONS, useValue: options }, WorkerHost, JobProcessors, WorkerHeartbeat, DeadlineWatcher, FollowUpReminderWatcher],
    };
  }
}
