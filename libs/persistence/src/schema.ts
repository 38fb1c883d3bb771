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

export interface Database {
  boards: BoardTable;
  parks: ParkTable;
  park_profiles: ParkProfileTable;
  worker_heartbeats: WorkerHeartbeatTable;
}

export type { Generated };
