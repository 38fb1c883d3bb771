import type { Principal } from '#auth';
import type { ActorClaim } from '#pipeline';

/**
 * Who acts on a sharing record: the signed-in user (AuthGuard puts it on the request). This is the one place
 * the sharing controller turns a user into the ledger's actor; the service still checks it against the
 * catalog (a park operator's board is the park's) and libs/sharing decides what that role may do.
 */
export function actingUser(user: Principal): ActorClaim {
  return { role: user.role, id: user.id, name: user.name, ...(user.boardId ? { boardId: user.boardId } : {}), ...(user.parkId ? { parkId: user.parkId } : {}) };
}

/**
 * Read scope: a promoter sees the records of its board (either side), a park operator those of its park,
 * the manager and admin every record.
 */
export function readScope(user: Principal): { boardId?: string; parkId?: string } {
  if (user.role === 'promoter') return { boardId: user.boardId ?? '\u0000' };
  if (user.role === 'park_operator') return { parkId: user.parkId ?? '\u0000' };
  return {};
}
