import type { DeclineReason } from './decline-reasons.js';

/** Learning from outcomes: a decline with this reason counts against similar leads for the park. */
export const OUTSIDE_DIRECTION: DeclineReason = 'not_in_specialization';

/** What a park's decision on an offer teaches the matcher: an accepted (and maybe signed) project is `taken`; a decline
 * as outside its direction is `declined`; other decline reasons (space, scale, already in contact…) teach nothing. */
export function lessonOf(status: string, declineReason?: string | null): 'taken' | 'declined' | null {
  if (status === 'accepted') return 'taken';
  if (status === 'declined' && declineReason === OUTSIDE_DIRECTION) return 'declined';
  return null;
}
