import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A row counter of an upload batch: 0 when the batch is stored, set as its rows are read. */
type RowCount = ColumnType<number, number | undefined, number>;

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
  /** The description as a park or another board sees it before acceptance (libs/intake redactText). */
  description_redacted: string;
  /** The description's duplicate keys (libs/intake descriptionBands), for the 项目撞车 candidate lookup. */
  description_bands: number[];
  sector: string | null;
  sector_redacted: string | null;
  primary_sector: string | null;
  amount_value: number | null;
  amount_unit: string | null;
  amount_wan: number | null;
  land_mu: number | null;
  channel: string | null;
  contacts: JSONColumnType<ContactRow[]>;
  status: string;
  stage: string | null;
  paused_from: string | null;
  accepted_park_id: string | null;
  scoring_round: ColumnType<number, number | undefined, number>;
  current_ranking_id: string | null;
  /** Why a lead in status `review` waits for the manager (REVIEW_REASON); null otherwise. */
  review_reason: ColumnType<string | null, string | null | undefined, string | null>;
  rescore_run_id: ColumnType<string | null, string | null | undefined, string | null>;
  idempotency_key: string | null;
  idempotency_hash: string | null;
  import_batch_id: string | null;
  import_row: number | null;
  /** 责任人: a promoter of the origin board, and an operator of the accepting park (users.id). */
  board_owner_id: ColumnType<string | null, string | null | undefined, string | null>;
  park_owner_id: ColumnType<string | null, string | null | undefined, string | null>;
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
  assess_escalated_at: Date | null;
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
  /** The two leads come from different boards: a 项目撞车 for the manager; otherwise the board's own repeat. */
  cross_board: boolean;
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
  /** A relay publishing the row holds it until then (OutboxRepository.claimPending). */
  claimed_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
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
  webhook_id: string | null;
  webhook_attempted_at: Date | null;
  delivered_at: Date | null;
  read_at: Date | null;
  created_at: CreatedAt;
}

export interface WebhookTable {
  id: string;
  recipient_kind: string;
  recipient_id: string;
  url: string;
  secret: string;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  failures: ColumnType<number, number | undefined, number>;
  last_status: string | null;
  last_http_status: number | null;
  last_error: string | null;
  last_attempt_at: Date | null;
  last_delivered_at: Date | null;
  created_at: CreatedAt;
}

export interface ImportBatchTable {
  id: string;
  origin_board_id: string;
  submitter: string;
  filename: string;
  format: string;
  status: string;
  rows_read: RowCount;
  rows_ok: RowCount;
  rows_failed: RowCount;
  errors: JSONColumnType<{ row: number; errors: { field?: string; message: string }[] }[]>;
  file_error: string | null;
  created_at: CreatedAt;
  finished_at: Date | null;
  warnings: ColumnType<{ code: string; message: string }[], string | undefined, string>;
  file_error_row: number | null;
  last_row: ColumnType<number, number | undefined, number>;
  encoding: string | null;
  note: string | null;
}

export interface ImportErrorTable {
  batch_id: string;
  row: number;
  errors: JSONColumnType<{ field?: string; message: string }[]>;
  /** the rejected row as in the file: [header, cell] pairs (null for rows stored before 0012) */
  source: ColumnType<[string, string][] | null, string | null | undefined, string | null>;
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

/** A person (or integration) signing in; promoters belong to a board, park operators to a park. */
export interface UserTable {
  id: string;
  username: string;
  name: string;
  role: string;
  board_id: string | null;
  park_id: string | null;
  password_hash: string;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

/** Session and API tokens; only the sha256 of a token is stored. */
export interface AuthTokenTable {
  id: string;
  token_hash: string;
  user_id: string;
  kind: string;
  name: string | null;
  created_by: string | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  created_at: CreatedAt;
}

/** Who did or saw what, when: every change and every view of personal data. */
export interface AuditLogTable {
  id: Generated<string>;
  at: CreatedAt;
  user_id: string | null;
  username: string | null;
  role: string | null;
  action: string;
  target_kind: string | null;
  target_id: string | null;
  method: string | null;
  path: string | null;
  status: number | null;
  ip: string | null;
  data: JSONColumnType<Record<string, unknown>>;
}

/** One row per version of a benefit-sharing record (利益共享记录); see libs/sharing for the model. */
export interface SharingRecordTable {
  id: string;
  lineage_id: string;
  version: number;
  supersedes: string | null;
  revision: number;
  status: string;
  offer_id: string;
  lead_id: string;
  project_name: string;
  origin_board_id: string;
  submitted_by: string;
  receiving_park_id: string;
  receiving_board_id: string;
  terms: JSONColumnType<Record<string, unknown>, string, string>;
  proposed_at: Timestamp;
  proposed_by: JSONColumnType<Record<string, unknown>, string, string>;
  origin_confirmation: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
  receiver_confirmation: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
  decision: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
  decided_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  signed_on: string | null;
  amendment_reason: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Append-only: one entry per record revision. */
export interface SharingHistoryTable {
  id: Generated<string>;
  record_id: string;
  lineage_id: string;
  revision: number;
  event: string;
  at: Timestamp;
  actor: JSONColumnType<Record<string, unknown>, string, never>;
  actor_role: string;
  actor_id: string;
  from_status: string | null;
  to_status: string;
  comment: string | null;
  details: JSONColumnType<Record<string, unknown>, string, never>;
}

/** A project's indicator value (元, bigint: read back as a string) for one period, per agreement (lineage). */
export interface SharingIndicatorValueTable {
  id: string;
  lineage_id: string;
  indicator: string;
  period_from: string;
  period_to: string;
  amount_yuan: ColumnType<string, string | number | bigint, string | number | bigint>;
  note: string | null;
  entered_by: JSONColumnType<Record<string, unknown>, string, string>;
  entered_at: Timestamp;
  previous_amount_yuan: ColumnType<string | null, string | number | bigint | null, string | number | bigint | null>;
}

/** 跟进记录: one contact with the company (a call, a visit, a meeting…), written by a board, a park or the city. */
export interface FollowUpTable {
  id: string;
  lead_id: string;
  side_kind: 'board' | 'park' | 'manager';
  side_id: string;
  /** Local (Asia/Shanghai) calendar dates, YYYY-MM-DD. */
  happened_on: string;
  kind: string;
  participants: string;
  summary: string;
  next_step: string | null;
  next_step_on: string | null;
  author: string;
  author_name: string;
  reminded_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: CreatedAt;
}

/** A file attached to a lead (附件); the bytes live in the row. */
export interface LeadAttachmentTable {
  id: string;
  lead_id: string;
  file_name: string;
  /** The type read from the content (libs/intake ATTACHMENT_TYPES). */
  file_type: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  side_kind: 'board' | 'park' | 'manager';
  side_id: string;
  uploader: string;
  uploader_name: string;
  created_at: CreatedAt;
}

/** A park listing (应用场景 / 基金 / 载体); its content lives in listing_versions. */
export interface ListingTable {
  id: string;
  park_id: string;
  kind: string;
  current_version: number;
  title: string;
  status: string;
  created_by: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** One row per revision of a listing; rows are never updated. */
export interface ListingVersionTable {
  listing_id: string;
  version: number;
  content: JSONColumnType<Record<string, unknown>>;
  content_hash: string;
  note: string | null;
  created_by: string;
  created_at: CreatedAt;
}

export interface ProspectBatchTable {
  id: string;
  park_id: string;
  uploaded_by: string;
  filename: string;
  status: string;
  rows_read: RowCount;
  rows_ok: RowCount;
  rows_failed: RowCount;
  errors: ColumnType<{ row: number; errors: { field?: string; message: string }[] }[], string | undefined, string>;
  file_error: string | null;
  created_at: CreatedAt;
  finished_at: Date | null;
}

export interface ProspectReasonRow {
  kind: 'direction' | 'scenario' | 'gap';
  text: string;
}

export interface ProspectTable {
  id: string;
  batch_id: string;
  park_id: string;
  seq: number;
  row: number;
  name: string;
  credit_code: string | null;
  scope: string | null;
  products: string | null;
  investments: string | null;
  source: string | null;
  score: number | null;
  reasons: ColumnType<ProspectReasonRow[] | null, string | null | undefined, string | null>;
  scenarios: ColumnType<{ id: string; title: string; score: number }[] | null, string | null | undefined, string | null>;
  scored_at: Date | null;
  status: ColumnType<string, string | undefined, string>;
  dismiss_reason: string | null;
  lead_id: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: CreatedAt;
}

export interface ParkFirmTable {
  id: string;
  park_id: string;
  row: number;
  name: string;
  credit_code: string | null;
  scope: string | null;
  products: string | null;
  /** taxonomy node ids the firm was read as covering */
  nodes: ColumnType<string[], string, string>;
  filename: string;
  uploaded_by: string;
  created_at: CreatedAt;
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
  follow_ups: FollowUpTable;
  lead_attachments: LeadAttachmentTable;
  duplicates: DuplicateTable;
  outbox: OutboxTable;
  notifications: NotificationTable;
  webhooks: WebhookTable;
  import_batches: ImportBatchTable;
  import_errors: ImportErrorTable;
  rescore_runs: RescoreRunTable;
  users: UserTable;
  auth_tokens: AuthTokenTable;
  audit_log: AuditLogTable;
  sharing_records: SharingRecordTable;
  sharing_history: SharingHistoryTable;
  sharing_indicator_values: SharingIndicatorValueTable;
  listings: ListingTable;
  listing_versions: ListingVersionTable;
  prospect_batches: ProspectBatchTable;
  prospects: ProspectTable;
  park_firms: ParkFirmTable;
}

export type { Generated };
