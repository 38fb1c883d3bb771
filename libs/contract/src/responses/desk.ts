import { z } from 'zod';
import { LEAD_STATUSES, ROLES, STAGES } from '#domain';
import { CHANNELS } from '#intake';
import { count, instant, labelled } from './common.js';

/** The signed-in account (GET /api/auth/me, and the sign-in's `user`). */
export const PublicUser = z.strictObject({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  boardId: z.string().optional(),
  parkId: z.string().optional(),
});

/** POST /api/auth/login */
export const SignedIn = z.strictObject({ token: z.string(), expiresAt: instant, user: PublicUser });

/** GET /api/meta: the console's code tables. */
export const Meta = z.strictObject({
  declineReasons: z.array(labelled),
  closeReasons: z.array(labelled),
  stages: z.array(z.enum(STAGES)),
  channels: z.array(z.enum(CHANNELS)),
  followUpKinds: z.array(z.string()),
  leadStatuses: z.array(z.strictObject({ code: z.enum(LEAD_STATUSES), label: z.string() })),
});

/**
 * GET /api/notifications: the stored rows as they are (snake_case), newest first. `total` with unread=true is
 * the bell's count.
 */
export const NotificationPage = z.strictObject({
  items: z.array(
    z.strictObject({
      id: z.string(),
      recipient_kind: z.enum(['park', 'board', 'manager']),
      recipient_id: z.string(),
      kind: z.string(),
      title: z.string(),
      body: z.string(),
      lead_id: z.string().nullable(),
      offer_id: z.string().nullable(),
      webhook_url: z.string().nullable(),
      webhook_status: z.string(),
      webhook_attempts: count,
      webhook_error: z.string().nullable(),
      webhook_id: z.string().nullable(),
      webhook_attempted_at: instant.nullable(),
      delivered_at: instant.nullable(),
      read_at: instant.nullable(),
      created_at: instant,
    }),
  ),
  total: count,
});

const rate = z.number().min(0).max(1).nullable();

/** GET /api/stats/overview: the city dashboard. */
export const StatsOverview = z.strictObject({
  range: z.strictObject({ from: instant.nullable(), to: instant.nullable() }),
  definitions: z.strictObject({ acceptanceRate: z.string(), medianResponseHours: z.string(), fit: z.string(), funnel: z.string() }),
  leadsByBoard: z.array(z.strictObject({ boardId: z.string(), board: z.string(), leads: count })),
  leadsBySector: z.array(z.strictObject({ sector: z.string(), leads: count })),
  leadsByBoardSector: z.array(z.strictObject({ boardId: z.string(), sector: z.string(), leads: count })),
  parks: z.array(
    z.strictObject({
      parkId: z.string(),
      park: z.string(),
      boardId: z.string(),
      board: z.string(),
      offers: count,
      accepted: count,
      declined: count,
      withdrawn: count,
      open: count,
      overdue: count,
      medianResponseHours: z.number().nullable(),
      medianResponseMinutes: z.number().nullable(),
      projects: count,
      inSpecialization: count,
      acceptanceRate: rate,
      fit: rate,
    }),
  ),
  funnel: z.array(z.strictObject({ step: z.string(), count })),
  review: count,
  statusBreakdown: z.array(z.strictObject({ status: z.enum(LEAD_STATUSES), stage: z.enum(STAGES).nullable(), n: count })),
});

const rowError = z.strictObject({ field: z.string().optional(), message: z.string() });

/** GET /api/imports/{id} (and the answer of its cancel): an import's progress. */
export const ImportStatus = z.strictObject({
  id: z.string(),
  filename: z.string(),
  format: z.string(),
  encoding: z.string().nullable(),
  status: z.enum(['running', 'scoring', 'done', 'failed', 'cancelled', 'interrupted', 'empty']),
  originBoard: z.string(),
  submitter: z.string(),
  rowsRead: count,
  rowsOk: count,
  rowsFailed: count,
  lastRow: count,
  stored: count,
  scored: count,
  shared: count,
  fileError: z.string().nullable(),
  fileErrorRow: z.number().int().nullable(),
  warnings: z.array(z.strictObject({ code: z.string(), message: z.string() })),
  note: z.string().nullable(),
  errors: z.array(z.strictObject({ row: z.number().int(), errors: z.array(rowError), source: z.array(z.tuple([z.string(), z.string()])).optional() })),
  createdAt: instant,
  finishedAt: instant.nullable(),
});

/** POST /api/notifications/{id}/read */
export const NotificationRead = z.strictObject({ id: z.string(), read: z.literal(true) });
