import { DomainError, ERROR_CODES } from '#errors';
import type { SharingError } from '#sharing';

/**
 * libs/sharing's typed errors as one DomainError that keeps their codes: the first code that is not a plain
 * input error (a stale revision, a wrong role) is the answer's code, each problem keeps its own in `details`.
 */
export function sharingFailure(errors: readonly SharingError[]): DomainError {
  const code = (errors.find((e) => ERROR_CODES[e.code].status !== 400) ?? errors[0])?.code ?? 'INVALID_INPUT';
  return new DomainError(
    code,
    errors.map((e) => e.message).join('；'),
    errors.map((e) => ({ code: e.code, ...(e.indicator ? { field: e.indicator } : {}), message: e.message })),
  );
}

export const RELOAD = '记录已被他人同时修改，本次操作未保存：请刷新后查看最新状态再操作。';

/** Database refusals that a person caused by racing someone else (or that the data rules caught) are 409s. */
export function fromDatabase(e: unknown): never {
  const code = (e as { code?: string }).code;
  if (code === '23505') throw new DomainError('CONCURRENT_CHANGE', `${RELOAD}（同一版本已存在：可能有人同时发起了变更。）`);
  if (code === '40001' || code === '40P01') throw new DomainError('CONCURRENT_CHANGE', RELOAD);
  if (code === '23514') throw new DomainError('DATA_RULE_REFUSED', `数据规则拒绝了本次写入（${(e as Error).message}）：请刷新后重试。`);
  throw e;
}
