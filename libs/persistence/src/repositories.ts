import { AttachmentRepository } from './attachment.repository.js';
import { AuditRepository } from './audit.repository.js';
import { DuplicateRepository } from './duplicate.repository.js';
import type { Executor } from './executor.js';
import { FollowUpRepository } from './follow-up.repository.js';
import { HeartbeatRepository } from './heartbeat.repository.js';
import { ImportBatchRepository } from './import-batch.repository.js';
import { LeadRepository } from './lead.repository.js';
import { ListingRepository } from './listing.repository.js';
import { NotificationRepository } from './notification.repository.js';
import { OfferRepository } from './offer.repository.js';
import { OutboxRepository } from './outbox.repository.js';
import { OutcomeRepository } from './outcome.repository.js';
import { IndustryMapRepository } from './industry-map.repository.js';
import { ProspectRepository } from './prospect.repository.js';
import { ParkRepository } from './park.repository.js';
import { RankingRepository } from './ranking.repository.js';
import { RescoreRunRepository } from './rescore-run.repository.js';
import { SharingRecordRepository } from './sharing-record.repository.js';
import { StatsRepository } from './stats.repository.js';
import { AuthTokenRepository, UserRepository } from './user.repository.js';
import { WebhookRepository } from './webhook.repository.js';

/** Every repository, bound to one executor: the database, or one transaction (see UnitOfWork). */
export class Repositories {
  readonly leads: LeadRepository;
  readonly rankings: RankingRepository;
  readonly offers: OfferRepository;
  readonly outbox: OutboxRepository;
  readonly notifications: NotificationRepository;
  readonly webhooks: WebhookRepository;
  readonly duplicates: DuplicateRepository;
  readonly imports: ImportBatchRepository;
  readonly rescores: RescoreRunRepository;
  readonly parks: ParkRepository;
  readonly sharingRecords: SharingRecordRepository;
  readonly users: UserRepository;
  readonly tokens: AuthTokenRepository;
  readonly audit: AuditRepository;
  readonly heartbeats: HeartbeatRepository;
  readonly stats: StatsRepository;
  readonly followUps: FollowUpRepository;
  readonly listings: ListingRepository;
  readonly outcomes: OutcomeRepository;
  readonly industryMap: IndustryMapRepository;
  readonly prospects: ProspectRepository;
  readonly attachments: AttachmentRepository;

  constructor(db: Executor, onOutboxWrite: () => void) {
    this.leads = new LeadRepository(db);
    this.rankings = new RankingRepository(db);
    this.offers = new OfferRepository(db);
    this.outbox = new OutboxRepository(db, onOutboxWrite);
    this.notifications = new NotificationRepository(db);
    this.webhooks = new WebhookRepository(db);
    this.duplicates = new DuplicateRepository(db);
    this.imports = new ImportBatchRepository(db);
    this.rescores = new RescoreRunRepository(db);
    this.parks = new ParkRepository(db);
    this.sharingRecords = new SharingRecordRepository(db);
    this.users = new UserRepository(db);
    this.tokens = new AuthTokenRepository(db);
    this.audit = new AuditRepository(db);
    this.heartbeats = new HeartbeatRepository(db);
    this.stats = new StatsRepository(db);
    this.followUps = new FollowUpRepository(db);
    this.listings = new ListingRepository(db);
    this.outcomes = new OutcomeRepository(db);
    this.industryMap = new IndustryMapRepository(db);
    this.prospects = new ProspectRepository(db);
    this.attachments = new AttachmentRepository(db);
  }
}
