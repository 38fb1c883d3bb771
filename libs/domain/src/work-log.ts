import { isCityWide, type LeadView, type Viewer } from './access.js';

/** 跟进记录的方式 (kinds of follow-up). */
export const FOLLOW_UP_KINDS = ['电话', '走访', '会谈', '考察', '签约仪式'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/**
 * Follow-ups and 责任人 name people and the company: they are seen only by viewers who see the lead in
 * full (origin board, accepting park, the city), never in the named or de-identified views.
 */
export function seesWorkLog(view: LeadView): boolean {
  return view === 'full';
}

/** The desk a viewer works a lead from: where its follow-ups are filed and their reminders go. */
export type WorkSide = { kind: 'board'; id: string } | { kind: 'park'; id: string } | { kind: 'manager'; id: 'city' };

export function workSide(v: Viewer): WorkSide | null {
  if (v.role === 'promoter' && v.boardId) return { kind: 'board', id: v.boardId };
  if (v.role === 'park_operator' && v.parkId) return { kind: 'park', id: v.parkId };
  if (v.role === 'manager') return { kind: 'manager', id: 'city' };
  return null;
}

/** Who may write a follow-up: anyone who sees the lead in full and works at a desk (not the system admin). */
export function writesFollowUps(v: Viewer, view: LeadView): boolean {
  return seesWorkLog(view) && workSide(v) !== null;
}

/**
 * Which 责任人 a viewer names: a promoter of the origin board names the board's, the accepting park's
 * operator the park's. Nobody else assigns (the city does not name another desk's staff).
 */
export function ownerSide(v: Viewer, l: { originBoardId: string; acceptedParkId: string | null }): 'board' | 'park' | null {
  if (isCityWide(v)) return null;
  if (v.role === 'promoter' && v.boardId === l.originBoardId) return 'board';
  if (v.role === 'park_operator' && l.acceptedParkId && v.parkId === l.acceptedParkId) return 'park';
  return null;
}

/** The local (Asia/Shanghai) calendar date of an instant, YYYY-MM-DD. */
export function chinaDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The local (Asia/Shanghai) date and time of an instant, YYYY-MM-DD HH:mm. */
export function chinaDateTime(at: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
