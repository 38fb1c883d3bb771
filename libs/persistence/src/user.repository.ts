import type { Insertable, Selectable } from 'kysely';
import type { Executor } from './executor.js';
import type { AuthTokenTable, UserTable } from './schema.js';

export type UserRow = Selectable<UserTable>;
export type AuthTokenRow = Selectable<AuthTokenTable>;
export type NewUser = Insertable<UserTable>;

export class UserRepository {
  constructor(private readonly db: Executor) {}

  findByUsername(username: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  findById(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Display names by user name (promoter-haian → 海安市招商专员; unknown ones left out). */
  async namesOfUsernames(usernames: readonly string[]): Promise<Map<string, string>> {
    if (!usernames.length) return new Map();
    const rows = await this.db.selectFrom('users').select(['username', 'name']).where('username', 'in', [...usernames]).execute();
    return new Map(rows.filter((r) => r.name).map((r) => [r.username, r.name]));
  }

  list(page: { limit: number; offset: number }): Promise<UserRow[]> {
    return this.db.selectFrom('users').selectAll().orderBy('role').orderBy('username').limit(page.limit).offset(page.offset).execute();
  }

  /** Active staff of one board (its promoters) or one park (its operators), by name. */
  staffOf(owner: { boardId: string } | { parkId: string }): Promise<Pick<UserRow, 'id' | 'name' | 'username' | 'role' | 'board_id' | 'park_id'>[]> {
    let q = this.db.selectFrom('users').select(['id', 'name', 'username', 'role', 'board_id', 'park_id']).where('disabled', '=', false);
    q = 'boardId' in owner ? q.where('role', '=', 'promoter').where('board_id', '=', owner.boardId) : q.where('role', '=', 'park_operator').where('park_id', '=', owner.parkId);
    return q.orderBy('name').orderBy('id').execute();
  }

  /** Display names by user id (ids not found are left out). */
  async namesOf(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await this.db.selectFrom('users').select(['id', 'name']).where('id', 'in', unique).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async count(): Promise<number> {
    const r = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Inserts users whose username is free; existing ones are left as they are (idempotent seeding). */
  async insertMissing(rows: Insertable<UserTable>[]): Promise<number> {
    if (!rows.length) return 0;
    const r = await this.db.insertInto('users').values(rows).onConflict((oc) => oc.column('username').doNothing()).returning('id').execute();
    return r.length;
  }

  async insert(row: Insertable<UserTable>): Promise<UserRow | undefined> {
    return this.db.insertInto('users').values(row).onConflict((oc) => oc.column('username').doNothing()).returningAll().executeTakeFirst();
  }

  async setDisabled(id: string, disabled: boolean): Promise<boolean> {
    const r = await this.db.updateTable('users').set({ disabled }).where('id', '=', id).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async update(id: string, set: Pick<UserRow, 'name' | 'role' | 'board_id' | 'park_id' | 'disabled'>): Promise<void> {
    await this.db.updateTable('users').set(set).where('id', '=', id).execute();
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
  }
}

export class AuthTokenRepository {
  constructor(private readonly db: Executor) {}

  async insert(row: Insertable<AuthTokenTable>): Promise<void> {
    await this.db.insertInto('auth_tokens').values(row).execute();
  }

  /** The token and its user, by the token's hash; revoked, expired and disabled are the caller's to judge. */
  findByHash(tokenHash: string) {
    return this.db
      .selectFrom('auth_tokens')
      .innerJoin('users', 'users.id', 'auth_tokens.user_id')
      .select([
        'auth_tokens.id as token_id', 'auth_tokens.kind', 'auth_tokens.expires_at', 'auth_tokens.revoked_at', 'auth_tokens.last_used_at',
        'users.id', 'users.username', 'users.name', 'users.role', 'users.board_id', 'users.park_id', 'users.disabled',
      ])
      .where('auth_tokens.token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  async touch(tokenId: string, at: Date): Promise<void> {
    await this.db.updateTable('auth_tokens').set({ last_used_at: at }).where('id', '=', tokenId).execute();
  }

  /** Revokes one token; with `userId`, only if it belongs to that user. */
  async revoke(tokenId: string, opts: { userId?: string; kind?: string } = {}): Promise<boolean> {
    let q = this.db.updateTable('auth_tokens').set({ revoked_at: new Date() }).where('id', '=', tokenId).where('revoked_at', 'is', null);
    if (opts.userId) q = q.where('user_id', '=', opts.userId);
    if (opts.kind) q = q.where('kind', '=', opts.kind);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Ends a user's open sign-in sessions (not its API tokens); returns how many. */
  async revokeSessions(userId: string): Promise<number> {
    const r = await this.db.updateTable('auth_tokens').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('kind', '=', 'session').where('revoked_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** API tokens, newest first; with `userId`, only that user's. */
  listApiTokens(opts: { userId?: string }, page: { limit: number; offset: number }) {
    let q = this.db
      .selectFrom('auth_tokens')
      .innerJoin('users', 'users.id', 'auth_tokens.user_id')
      .select(['auth_tokens.id', 'auth_tokens.name', 'auth_tokens.created_by', 'auth_tokens.expires_at', 'auth_tokens.revoked_at', 'auth_tokens.last_used_at', 'auth_tokens.created_at', 'users.id as user_id', 'users.username'])
      .where('auth_tokens.kind', '=', 'api');
    if (opts.userId) q = q.where('auth_tokens.user_id', '=', opts.userId);
    return q.orderBy('auth_tokens.created_at', 'desc').orderBy('auth_tokens.id').limit(page.limit).offset(page.offset).execute();
  }

  findApiToken(id: string) {
    return this.db.selectFrom('auth_tokens').selectAll().where('id', '=', id).where('kind', '=', 'api').executeTakeFirst();
  }
}
