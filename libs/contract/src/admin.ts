import { z } from 'zod';
import { ROLES } from '#domain';
import { fromDateParam, pageQuery, toDateParam, type QueryInput } from './query.js';

/** Sign-in, API tokens and the admin's accounts (/api/auth…, /api/users…), defined once like leads.ts. */

const role = z.enum(ROLES, { message: `须为 ${ROLES.join(' / ')}` });
const name = z.string().trim().min(1, '请填写姓名或单位（name）').max(100);
const password = z.string().min(10, '密码至少 10 位').max(200);

export const ADMIN_QUERIES = {
  tokens: pageQuery,
  users: pageQuery,
  /** GET /api/audit */
  audit: {
    ...pageQuery,
    username: z.string().max(100).optional(),
    action: z.string().max(200).optional(),
    targetKind: z.string().max(50).optional(),
    targetId: z.string().max(100).optional(),
    from: fromDateParam.optional(),
    to: toDateParam.optional(),
  },
  /** GET /api/people: account names to display names. */
  people: { ids: z.string({ message: '请用 ids 给出账号名，逗号分隔' }).max(8000, 'ids 过长：一次最多 200 个账号名') },
} as const;

export const ADMIN_REQUESTS = {
  login: z.object({ username: z.string().trim().min(1, '请填写用户名（username）').max(100), password: z.string().min(1, '请填写密码（password）').max(200) }).strict(),
  createToken: z
    .object({
      name: z.string().trim().min(1, '请给令牌起个名字（name），便于日后识别').max(100),
      username: z.string().trim().min(1).max(100).optional(),
      expiresInDays: z.number({ message: 'expiresInDays 须为数字' }).int('expiresInDays 须为整数').optional(),
    })
    .strict(),
  /** promoter needs boardId, park_operator parkId: the account service's rule (it knows the catalog). */
  createUser: z
    .object({
      username: z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{2,49}$/, '用户名须为 3–50 位小写字母、数字、. _ -'),
      name,
      role,
      password,
      boardId: z.string().max(50).optional(),
      parkId: z.string().max(50).optional(),
    })
    .strict(),
  updateUser: z
    .object({
      disabled: z.boolean({ message: 'disabled 须为 true 或 false' }).optional(),
      name: name.optional(),
      role: role.optional(),
      boardId: z.string().max(50).nullable().optional(),
      parkId: z.string().max(50).nullable().optional(),
    })
    .strict(),
  resetPassword: z.object({ password }).strict(),
} as const;

export type AdminRequests = typeof ADMIN_REQUESTS;
export type AdminRequest<K extends keyof AdminRequests> = z.input<AdminRequests[K]>;
export type AdminQuery<K extends keyof typeof ADMIN_QUERIES> = QueryInput<(typeof ADMIN_QUERIES)[K]>;
