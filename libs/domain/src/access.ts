/**
 * Who may see and do what. Pure rules over owner keys (board, park); the services enforce them and
 * the HTTP guard only adds a first, coarse role check.
 */
export const ROLES = ['promoter', 'park_operator', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = { promoter: '板块招商专员', park_operator: '园区运营', manager: '市科技局管理员', admin: '系统管理员' };

/** The signed-in user as every service sees it. */
export interface Viewer {
  id: string;
  username: string;
  name: string;
  role: Role;
  boardId?: string;
  parkId?: string;
}

/** Manager (市科技局) and admin see every board's data. */
export function isCityWide(v: Viewer): boolean {
  return v.role === 'manager' || v.role === 'admin';
}

/** Only the park's own operator decides its offers and moves its accepted leads. */
export function operatesPark(v: Viewer, parkId: string): boolean {
  return v.role === 'park_operator' && v.parkId === parkId;
}

/** A park's inbox is readable by that park's operator and city-wide users. */
export function canReadPark(v: Viewer, parkId: string): boolean {
  return isCityWide(v) || operatesPark(v, parkId);
}

/** The lead facts an access decision needs. */
export interface LeadOwnership {
  originBoardId: string;
  acceptedParkId: string | null;
  /** Board of the accepting park, when accepted. */
  acceptedBoardId: string | null;
  /** Parks the lead was offered to, with their boards. */
  offeredTo: { parkId: string; boardId: string }[];
}

/**
 * How much of a lead a viewer sees:
 * - `full`: everything, contacts included: manager/admin, the origin board's promoters, the accepting park's operator;
 * - `named`: company and credit code but never contacts: promoters of the board whose park accepted it;
 * - `deidentified`: the inbox summary (sector, amount, needs, description), no company, submitter or contacts:
 *   promoters of a board whose parks were offered the lead, operators of a park offered it;
 * - `none`: not visible at all.
 */
export type LeadView = 'full' | 'named' | 'deidentified' | 'none';

export function leadView(v: Viewer, l: LeadOwnership): LeadView {
  if (isCityWide(v)) return 'full';
  if (v.role === 'promoter') {
    if (v.boardId === l.originBoardId) return 'full';
    if (l.acceptedBoardId && v.boardId === l.acceptedBoardId) return 'named';
    if (l.offeredTo.some((o) => o.boardId === v.boardId)) return 'deidentified';
    return 'none';
  }
  if (v.role === 'park_operator') {
    if (l.acceptedParkId && v.parkId === l.acceptedParkId) return 'full';
    if (l.offeredTo.some((o) => o.parkId === v.parkId)) return 'deidentified';
  }
  return 'none';
}

/** Whose notices a viewer may read, mark read, or subscribe webhooks for. */
export function canReadRecipient(v: Viewer, kind: string, id: string): boolean {
  if (isCityWide(v)) return true;
  if (v.role === 'promoter') return kind === 'board' && id === v.boardId;
  if (v.role === 'park_operator') return kind === 'park' && id === v.parkId;
  return false;
}

/** The name stamped on events and records (lead history, decisions, settlements). */
export function actorName(v: Viewer): string {
  return v.username;
}

/** The parties of a benefit-sharing record (利益共享记录). */
export interface SharingParties {
  originBoardId: string;
  receivingBoardId: string;
  receivingParkId: string;
}

/**
 * A sharing record is seen by its two boards' promoters, its receiving park's operator and the city.
 * Anyone else gets the same 404 as for a record that does not exist, on every verb.
 */
export function canSeeSharingRecord(v: { role: string; boardId?: string; parkId?: string }, r: SharingParties): boolean {
  if (v.role === 'manager' || v.role === 'admin') return true;
  if (v.role === 'promoter') return v.boardId === r.originBoardId || v.boardId === r.receivingBoardId;
  if (v.role === 'park_operator') return v.parkId === r.receivingParkId;
  return false;
}

/** What people read for the platform's own actors in histories (the rest are user names, shown as the users' names). */
export const SYSTEM_ACTORS: Readonly<Record<string, string>> = { system: '平台自动处理', 'catalog-loader': '园区目录导入', demo: '演示数据' };
