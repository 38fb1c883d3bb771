import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface DirectionRow {
  text: string;
  name: string;
  subDirections: string[];
  en: string;
}

export interface BoardTable {
  id: string;
  name: string;
  kind: string;
}

export interface ParkTable {
  id: string;
  name: string;
  board_id: string;
  current_version: number;
  updated_at: Timestamp;
}

/** One row per version of a park's profile; rows are never updated (动态评估 keeps history). */
export interface ParkProfileTable {
  park_id: string;
  version: number;
  seed_text: string;
  directions: JSONColumnType<DirectionRow[]>;
  content_hash: string;
  source: string;
  created_by: string;
  created_at: CreatedAt;
}

export interface WorkerHeartbeatTable {
  worker_id: string;
  pid: number;
  host: string;
  started_at: Timestamp;
  seen_at: Timestamp;
}

export interface ContactRow {
  name: string;
  phone?: string;
  email?: string;
}

export interface LeadTable {
  id: string;
  code: string;
  origin_board_id: string;
  submitter: string;
  company: string | null;
  company_norm: string | null;
  credit_code: string | null;
  description: string;
  sector: string | null;
  primary_sector: string | null;
  amount_value: number | null;
  amount_unit: string | null;
  amount_wan: number | null;
  land_mu: number | null;
  channel: string | null;
  contacts: JSONColumnType<ContactRow[]>;
  status: string;
  stage: string | null;
  accepted_park_id: string | null;
  scoring_round: ColumnType<number, number | undefined, number>;
  current_ranking_id: string | null;
  rescore_run_id: ColumnType<string | null, string | null | undefined, string | null>;
  idempotency_key: string | null;
  import_batch_id: string | null;
  import_row: number | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface RankingResultRow {
  parkId: string;
  park: string;
  board: string;
  score: number;
  rank: number;
  reasons: unknown[];
}

export interface RankingTable {
  id: string;
  lead_id: string;
  scoring_round: number;
  engine_version: string;
  profile_versions: JSONColumnType<Record<string, number>>;
  no_fit: boolean;
  primary_sector: string | null;
  results: JSONColumnType<RankingResultRow[]>;
  created_at: CreatedAt;
}

export interface OfferTable {
  id: string;
  lead_id: string;
  park_id: string;
  ranking_id: string;
  score: number;
  rank: number;
  reasons: JSONColumnType<unknown[]>;
  status: string;
  decline_reason: string | null;
  decline_note: string | null;
  respond_by: Timestamp;
  assess_by: Timestamp;
  escalated_at: Date | null;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: CreatedAt;
}

export interface LeadEventTable {
  id: Generated<string>;
  lead_id: string;
  kind: string;
  actor: string;
  data: JSONColumnType<Record<string, unknown>>;
  at: CreatedAt;
}

export interface DuplicateTable {
  id: string;
  lead_id: string;
  other_lead_id: string;
  reason: string;
  similarity: number;
  first_report_lead_id: string;
  status: string;
  settled_by: string | null;
  settled_at: Date | null;
  comment: string | null;
  created_at: CreatedAt;
}

export interface OutboxTable {
  id: Generated<string>;
  job_name: string;
  payload: JSONColumnType<Record<string, unknown>>;
  created_at: CreatedAt;
  published_at: Date | null;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
}

export interface NotificationTable {
  id: string;
  recipient_kind: string;
  recipient_id: string;
  kind: string;
  title: string;
  body: string;
  lead_id: string | null;
  offer_id: string | null;
  webhook_url: string | null;
  webhook_status: string;
  webhook_attempts: ColumnType<number, number | undefined, number>;
  webhook_error: string | null;
  delivered_at: Date | null;
  read_at: Date | null;
  created_at: CreatedAt;
}

export interface WebhookTable {
  id: string;
  recipient_kind: string;
  recipient_id: string;
  url: string;
  created_at: CreatedAt;
}

export interface ImportBatchTable {
  id: string;
  origin_board_id: string;
  submitter: string;
  filename: string;
  format: string;
  status: string;
  rows_read: ColumnType<number, number | undefined, number>;
  rows_ok: ColumnType<number, number | undefined, number>;
  rows_failed: ColumnType<number, number | undefined, number>;
  errors: JSONColumnType<{ row: number; errors: { field?: string; message: string }[] }[]>;
  file_error: string | null;
  created_at: CreatedAt;
  finished_at: Date | null;
}

export interface RescoreRunTable {
  id: string;
  reason: string;
  status: string;
  total: ColumnType<number, number | undefined, number>;
  queued: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  finished_at: Date | null;
}

export interface Database {
  boards: BoardTable;
  parks: ParkTable;
  park_profiles: ParkProfileTable;
  worker_heartbeats: WorkerHeartbeatTable;
  leads: LeadTable;
  rankings: RankingTable;
  offers: OfferTable;
  lead_events: LeadEventTable;
  duplicates: DuplicateTable;
  outbox: OutboxTable;
  notifications: NotificationTable;
  webhooks: WebhookTable;
  import_batches: ImportBatchTable;
  rescore_runs: RescoreRunTable;
}

export type { Generated };
