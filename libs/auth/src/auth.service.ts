import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError, TooManyRequests } from '#errors';
import { SETTINGS } from '#core';
import { ROLES, type Role, type Viewer } from '#domain';
import { UnitOfWork, type Repositories, type UserRow } from '#persistence';
import type { Settings } from '#settings';
import { AuditService } from './audit.service.js';
import { RateLimits, type WindowCount } from './rate-limiter.js';
import { signInKeys, signInRefusal } from './sign-in-limits.js';
import { DUMMY_HASH, hashPassword, hashToken, newToken, verifyPassword, type TokenKind } from './secrets.js';

/** The user as the API shows it (contract of POST /api/auth/login and GET /api/auth/me). */
export type PublicUser = Viewer;

/** The signed-in caller: the user plus the token it came with. */
export interface Principal extends Viewer {
  tokenId: string;
  tokenKind: TokenKind;
}

export function toPublicUser(u: Pick<UserRow, 'id' | 'username' | 'name' | 'role' | 'board_id' | 'park_id'>): PublicUser {
  return { id: u.id, username: u.username, name: u.name, role: u.role as Role, ...(u.board_id ? { boardId: u.board_id } : {}), ...(u.park_id ? { parkId: u.park_id } : {}) };
}


const API_TOKEN_MAX_DAYS = 3650;

@Injectable()
export class AuthService {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly audit: AuditService,
    private readonly limits: RateLimits,
  ) {}

  /**
   * Password sign-in: a short-lived session token. Wrong name or password: one 401, same words, same time.
   * Every attempt counts against the limits of sign-in-limits.ts before the password is checked (so parallel
   * guesses cannot slip past); a right password takes its count back.
   */
  async login(username: string, password: string, ip: string): Promise<{ token: string; expiresAt: string; user: PublicUser }> {
    const keys = signInKeys(username, ip);
    const byAddress = await this.limits.hit([keys.ip, keys.pair]);
    const [ipCount, pairCount] = byAddress.counts as [WindowCount, WindowCount];
    let refusal = signInRefusal(this.settings, { ip: ipCount, pair: pairCount });
    const byUser = refusal ? undefined : await this.limits.hit([keys.user]);
    if (byUser) {
      refusal = signInRefusal(this.settings, { ip: ipCount, pair: pairCount, user: byUser.counts[0]! });
      if (refusal) await byUser.undo(); // a refused guess does not push the user further under attack
    }
    if (refusal) {
      await this.audit.record({ action: 'auth.login-throttled', targetKind: 'user', targetId: username, ip, data: { username, limit: refusal.limit } });
      throw new TooManyRequests(refusal.message, refusal.waitSeconds, 'SIGN_IN_THROTTLED');
    }
    return this.uow.read(async ({ users }) => {
      const user = await users.findByUsername(username);
      const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
      if (ok && user) await Promise.all([byAddress.undo(), byUser!.undo()]);
      if (!user || !ok || user.disabled) {
        await this.audit.record({ action: 'auth.login-failed', targetKind: 'user', targetId: username, ip, data: { username, reason: !user ? 'unknown-user' : user.disabled ? 'disabled' : 'wrong-password' } });
        throw user?.disabled && ok ? new DomainError('ACCOUNT_DISABLED', '该账号已停用，请联系系统管理员') : new DomainError('BAD_CREDENTIALS', '用户名或密码错误，请检查后重试');
      }
      const expiresAt = new Date(Date.now() + this.settings.SESSION_TTL_MINUTES * 60_000);
      const token = await this.issue(user.id, 'session', { expiresAt, createdBy: user.id, name: null });
      await this.audit.record({ action: 'auth.login', targetKind: 'user', targetId: user.id, ip }, toPublicUser(user));
      return { token, expiresAt: expiresAt.toISOString(), user: toPublicUser(user) };
    });
  }

  /** The caller behind a bearer token, or a 401 saying what to do. */
  async authenticate(token: string): Promise<Principal> {
    return this.uow.read(async ({ tokens }) => {
      const row = /^pm_[sa]_[A-Za-z0-9_-]{43}$/.test(token) ? await tokens.findByHash(hashToken(token)) : undefined;
      if (!row) throw new DomainError('TOKEN_INVALID', '登录凭证无效，请重新登录');
      if (row.revoked_at) throw new DomainError('TOKEN_REVOKED', row.kind === 'api' ? 'API 令牌已被吊销' : '已退出登录，请重新登录');
      const now = new Date();
      if (row.expires_at && row.expires_at.getTime() <= now.getTime()) throw new DomainError('TOKEN_EXPIRED', row.kind === 'api' ? 'API 令牌已过期，请重新申请' : '登录已过期，请重新登录');
      if (row.disabled) throw new DomainError('ACCOUNT_DISABLED', '该账号已停用，请联系系统管理员');
      if (row.kind === 'api' && (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000)) await tokens.touch(row.token_id, now);
      return {
        id: row.id,
        username: row.username,
        name: row.name,
        role: row.role as Role,
        ...(row.board_id ? { boardId: row.board_id } : {}),
        ...(row.park_id ? { parkId: row.park_id } : {}),
        tokenId: row.token_id,
        tokenKind: row.kind as TokenKind,
      };
    });
  }

  /** Revokes the token the caller signed in with. */
  async logout(p: Principal): Promise<{ loggedOut: true }> {
    await this.uow.read((r) => r.tokens.revoke(p.tokenId));
    return { loggedOut: true };
  }

  async me(p: Principal): Promise<PublicUser> {
    const u = await this.uow.read((r) => r.users.findById(p.id));
    if (!u) throw new DomainError('TOKEN_INVALID', '账号不存在，请重新登录');
    return toPublicUser(u);
  }

  /**
   * A long-lived token for an integration. Managers create tokens for themselves; an admin may create
   * one for any user (`username`). The token is shown once; only its hash is kept.
   */
  async createApiToken(p: Principal, o: { name: string; username?: string; expiresInDays?: number }) {
    return this.uow.read(async ({ users }) => {
      let owner: UserRow | undefined;
      if (o.username && o.username !== p.username) {
        if (p.role !== 'admin') throw new DomainError('ROLE_FORBIDDEN', '只有系统管理员可以为其他账号创建 API 令牌');
        owner = await users.findByUsername(o.username);
        if (!owner) throw new DomainError('USER_NOT_FOUND', `账号 ${o.username} 不存在`);
      } else owner = await users.findById(p.id);
      if (!owner) throw new DomainError('TOKEN_INVALID', '账号不存在，请重新登录');
      const days = o.expiresInDays ?? 365;
      if (days < 1 || days > API_TOKEN_MAX_DAYS) throw new DomainError('VALIDATION_FAILED', `expiresInDays 须为 1–${API_TOKEN_MAX_DAYS} 天`);
      const id = randomUUID();
      const expiresAt = new Date(Date.now() + days * 86_400_000);
      const token = await this.issue(owner.id, 'api', { id, expiresAt, createdBy: p.id, name: o.name });
      return { id, name: o.name, token, expiresAt: expiresAt.toISOString(), user: toPublicUser(owner) };
    });
  }

  /** API tokens (never the tokens themselves): an admin sees all, a manager its own. */
  async listApiTokens(p: Principal, page: { limit: number; offset: number }) {
    const rows = await this.uow.read((r) => r.tokens.listApiTokens({ userId: p.role === 'admin' ? undefined : p.id }, page));
    return {
      items: rows.map((r) => ({ id: r.id, name: r.name, username: r.username, userId: r.user_id, createdAt: r.created_at, expiresAt: r.expires_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at, active: !r.revoked_at && (!r.expires_at || r.expires_at.getTime() > Date.now()) })),
      limit: page.limit,
      offset: page.offset,
    };
  }

  async revokeApiToken(p: Principal, id: string) {
    return this.uow.read(async ({ tokens }) => {
      const t = await tokens.findApiToken(id);
      if (!t || (p.role !== 'admin' && t.user_id !== p.id)) throw new DomainError('API_TOKEN_NOT_FOUND', `没有编号为 ${id} 的 API 令牌`);
      await tokens.revoke(id, { kind: 'api' });
      return { id, revoked: true };
    });
  }

  async listUsers(page: { limit: number; offset: number }) {
    return this.uow.read(async ({ users }) => {
      const [rows, total] = await Promise.all([users.list(page), users.count()]);
      return { items: rows.map((u) => ({ ...toPublicUser(u), disabled: u.disabled, createdAt: u.created_at })), total, limit: page.limit, offset: page.offset };
    });
  }

  /** Promoters belong to a board, park operators to a park, nobody else to either. */
  private async checkOwnerKeys(parks: Repositories['parks'], u: { role: string; boardId?: string | null; parkId?: string | null }) {
    if (!(ROLES as readonly string[]).includes(u.role)) throw new DomainError('VALIDATION_FAILED', `角色 role 须为 ${ROLES.join(' / ')}`);
    if (u.role === 'promoter') {
      if (!u.boardId || !(await parks.listBoards()).some((b) => b.id === u.boardId)) throw new DomainError('BOARD_UNKNOWN', '板块招商专员须给出有效的板块 boardId（见 GET /api/boards）');
    } else if (u.boardId) throw new DomainError('VALIDATION_FAILED', '只有板块招商专员（promoter）属于板块');
    if (u.role === 'park_operator') {
      if (!u.parkId || !(await parks.findPark(u.parkId))) throw new DomainError('PARK_UNKNOWN', '园区运营账号须给出有效的园区 parkId（见 GET /api/parks）');
    } else if (u.parkId) throw new DomainError('VALIDATION_FAILED', '只有园区运营账号（park_operator）属于园区');
  }

  /** Creates a user; promoters need a board, park operators a park. */
  async createUser(u: { username: string; name: string; role: string; password: string; boardId?: string; parkId?: string }) {
    return this.uow.read(async ({ parks }) => {
      await this.checkOwnerKeys(parks, u);
      const passwordHash = await hashPassword(u.password);
      const row = await this.uow.read((r) => r.users.insert({
        id: randomUUID(), username: u.username, name: u.name, role: u.role, board_id: u.boardId ?? null, park_id: u.parkId ?? null, password_hash: passwordHash,
      }));
      if (!row) throw new DomainError('USERNAME_TAKEN', `用户名 ${u.username} 已被使用，请换一个`);
      return toPublicUser(row);
    });
  }

  /**
   * Changes a user's name, role and board/park, and disables or restores it (disabling ends its sessions and API
   * tokens at once: every request re-reads the user). A new role comes with the board or
   * park it needs; an admin cannot disable or demote itself (nobody could undo it).
   */
  async updateUser(actor: Principal, id: string, c: { name?: string; role?: string; boardId?: string | null; parkId?: string | null; disabled?: boolean }) {
    if (id === actor.id && (c.disabled || (c.role !== undefined && c.role !== actor.role))) throw new DomainError('FORBIDDEN', '不能停用或降级自己的账号；请由另一位系统管理员操作');
    return this.uow.transaction(async (r) => {
      const u = await r.users.findById(id);
      if (!u) throw new DomainError('USER_NOT_FOUND', `账号 ${id} 不存在`);
      const next = { role: c.role ?? u.role, boardId: c.boardId !== undefined ? c.boardId : u.board_id, parkId: c.parkId !== undefined ? c.parkId : u.park_id };
      if (c.role !== undefined || c.boardId !== undefined || c.parkId !== undefined) await this.checkOwnerKeys(r.parks, next);
      await r.users.update(id, { name: c.name ?? u.name, role: next.role, board_id: next.boardId ?? null, park_id: next.parkId ?? null, disabled: c.disabled ?? u.disabled });
      const row = (await r.users.findById(id))!;
      return { ...toPublicUser(row), disabled: row.disabled };
    });
  }

  /** Sets a new password; the user's open sessions end (API tokens are kept: integrations do not sign in). */
  async resetPassword(id: string, password: string) {
    const hash = await hashPassword(password);
    return this.uow.transaction(async (r) => {
      if (!(await r.users.findById(id))) throw new DomainError('USER_NOT_FOUND', `账号 ${id} 不存在`);
      await r.users.setPassword(id, hash);
      const ended = await r.tokens.revokeSessions(id);
      return { id, passwordReset: true, sessionsEnded: ended };
    });
  }

  private async issue(userId: string, kind: TokenKind, o: { id?: string; expiresAt: Date | null; createdBy: string; name: string | null }): Promise<string> {
    const token = newToken(kind);
    await this.uow.read((r) => r.tokens.insert({ id: o.id ?? randomUUID(), token_hash: hashToken(token), user_id: userId, kind, name: o.name, created_by: o.createdBy, expires_at: o.expiresAt }));
    return token;
  }
}
