import { randomUUID } from 'node:crypto';
import type { NewUser, Repositories } from '#persistence';
import { hashPassword } from './secrets.js';

/** The one password of every demo user. Production sets DEMO_USERS=false, and no demo user exists. */
export const DEMO_PASSWORD = 'parkmatch-demo';

export interface DemoUser {
  username: string;
  name: string;
  role: 'promoter' | 'park_operator' | 'manager' | 'admin';
  boardId?: string;
  parkId?: string;
}

/** admin, manager, promoter-<boardId> for each board, operator-<parkId> for each park. */
export async function demoUsers(r: Pick<Repositories, 'parks'>): Promise<DemoUser[]> {
  const { parks } = r;
  const [boards, list] = await Promise.all([parks.listBoards(), parks.listParks({})]);
  return [
    { username: 'admin', name: '系统管理员', role: 'admin' },
    { username: 'manager', name: '市科技局', role: 'manager' },
    ...boards.map((b) => ({ username: `promoter-${b.id}`, name: `${b.name}招商专员`, role: 'promoter' as const, boardId: b.id })),
    ...list.map((p) => ({ username: `operator-${p.id}`, name: `${p.name}运营`, role: 'park_operator' as const, parkId: p.id })),
  ];
}

/** Creates the demo users that are missing (idempotent: existing users, and their passwords, are kept). */
export async function seedDemoUsers(r: Pick<Repositories, 'parks' | 'users'>): Promise<{ created: number; users: DemoUser[] }> {
  const users = await demoUsers(r);
  const hash = await hashPassword(DEMO_PASSWORD);
  const rows: NewUser[] = users.map((u) => ({
    id: randomUUID(),
    username: u.username,
    name: u.name,
    role: u.role,
    board_id: u.boardId ?? null,
    park_id: u.parkId ?? null,
    password_hash: hash,
  }));
  const created = await r.users.insertMissing(rows);
  return { created, users };
}
