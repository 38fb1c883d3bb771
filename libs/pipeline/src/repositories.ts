import {
  DuplicateRepository,
  ImportBatchRepository,
  LeadRepository,
  NotificationRepository,
  OfferRepository,
  OutboxRepository,
  ParkRepository,
  RankingRepository,
  RescoreRunRepository,
  SharingRecordRepository,
  type Database,
  type Executor,
} from '#persistence';
import type { Kysely } from 'kysely';

/** The repositories bound to one executor: the database, or a transaction. */
export class Repos {
  readonly leads: LeadRepository;
  readonly rankings: RankingRepository;
  readonly offers: OfferRepository;
  readonly outbox: OutboxRepository;
  readonly notifications: NotificationRepository;
  readonly duplicates: DuplicateRepository;
  readonly imports: ImportBatchRepository;
  readonly rescores: RescoreRunRepository;
  readonly parks: ParkRepository;
  readonly sharingRecords: SharingRecordRepository;

  constructor(db: Executor) {
    this.leads = new LeadRepository(db);
    this.rankings = new RankingRepository(db);
    this.offers = new OfferRepository(db);
    this.outbox = new OutboxRepository(db);
    this.notifications = new NotificationRepository(db);
    this.duplicates = new DuplicateRepository(db);
    this.imports = new ImportBatchRepository(db);
    this.rescores = new RescoreRunRepository(db);
    this.parks = new ParkRepository(db as Kysely<Database>);
    this.sharingRecords = new SharingRecordRepository(db);
  }
}

/** Runs `fn` in one transaction with repositories bound to it. */
export function inTransaction<T>(db: Kysely<Database>, fn: (r: Repos) => Promise<T>): Promise<T> {
  return db.transaction().execute((trx) => fn(new Repos(trx)));
}
