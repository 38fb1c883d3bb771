import { createHash, randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';

/** bcrypt cost: about 60–100 ms a check in pure JS, slow enough against guessing, fast enough to sign in. */
export const BCRYPT_ROUNDS = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_ROUNDS);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** A hash to compare against when the user does not exist, so a wrong name takes as long as a wrong password. */
export const DUMMY_HASH = bcrypt.hashSync('no-such-user-' + randomBytes(8).toString('hex'), BCRYPT_ROUNDS);

export type TokenKind = 'session' | 'api';

/** 32 random bytes, prefixed by kind (pm_s_ sign-in, pm_a_ integration) so a leaked token is recognisable. */
export function newToken(kind: TokenKind): string {
  return (kind === 'session' ? 'pm_s_' : 'pm_a_') + randomBytes(32).toString('base64url');
}

/** Tokens are stored only as their sha256: random 32-byte secrets need no slow hash. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
