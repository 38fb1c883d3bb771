import type { Repositories } from '#persistence';
import { DomainError, invalid } from '#errors';
import type { Actor } from '#sharing';

/** Who acts on a record: the signed-in user (apps/api/src/sharing/acting-user.ts); an operator's board is looked up. */
export interface ActorClaim {
  role: 'promoter' | 'park_operator' | 'manager' | 'admin';
  id: string;
  name?: string;
  boardId?: string;
  parkId?: string;
}

/** Checks the claimed actor against the catalog: a promoter's board must exist, an operator's board is the park's. */
export async function resolveActor(r: Repositories, claim: ActorClaim): Promise<Actor> {
  const base = { id: claim.id, ...(claim.name ? { name: claim.name } : {}) };
  if (claim.role === 'manager' || claim.role === 'admin') return { role: claim.role, ...base };
  if (claim.role === 'promoter') {
    if (!claim.boardId) throw invalid('板块招商人员须注明所属板块（actor.boardId）');
    const boards = await r.parks.listBoards();
    if (!boards.some((b) => b.id === claim.boardId)) throw new DomainError('BOARD_UNKNOWN', `板块 ${claim.boardId} 不存在`);
    return { role: 'promoter', ...base, boardId: claim.boardId };
  }
  if (!claim.parkId) throw invalid('园区运营人员须注明所属园区（actor.parkId）');
  const park = await r.parks.findPark(claim.parkId);
  if (!park) throw new DomainError('PARK_UNKNOWN', `园区 ${claim.parkId} 不存在`);
  if (claim.boardId && claim.boardId !== park.board.id) throw invalid(`园区 ${park.name} 属于板块 ${park.board.id}，不是 ${claim.boardId}`);
  return { role: 'park_operator', ...base, parkId: park.id, boardId: park.board.id };
}
