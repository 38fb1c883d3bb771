/** The console's HTTP client: bearer token, JSON, and the error body's `message` as the error text. */
// The API's request schemas (a type-only import: nothing of the server is bundled).
import type {
  AdminQuery, AdminRequest, ImportRequest, LeadQuery, LeadRequest, OfferQuery, OfferRequest, ResponseOf, ResponseRoute, SharingRequest, SharingRequests, WebhookQuery, WebhookRequest,
} from '../../../libs/contract/src/index.js';
import { takeEarly } from './early-reads';
import { loadSession } from './stored-session';

export type { LeadQuery, LeadRequest, WebhookRequest };

/** What a route answers, typed by its response schema (libs/contract RESPONSES; the e2e tests hold the API to it). */
export type Read<K extends ResponseRoute> = ResponseOf<K>;

export { loadSession, saveSession, type Session, type User } from './stored-session';

let onUnauthorized: (() => void) | undefined;
export function setUnauthorizedHandler(f: () => void): void {
  onUnauthorized = f;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: { code?: string; field?: string; row?: number; message: string }[],
    /** The server's stable error code (ErrorBody.code, e.g. STALE_REVISION); absent when the answer was not the API's. */
    readonly code?: string,
  ) {
    super(message);
  }
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const s = loadSession();
  return { ...(s?.token ? { authorization: `Bearer ${s.token}` } : {}), ...extra };
}

async function failure(res: Response): Promise<ApiError> {
  let body: { code?: string; message?: string; details?: ApiError['details'] } | undefined;
  try {
    body = await res.json();
  } catch {
    /* not JSON */
  }
  const fallback: Record<number, string> = {
    401: '登录已失效，请重新登录',
    403: '当前账号无权进行此操作',
    404: '请求的内容不存在',
    413: '文件或内容过大',
    429: '操作过于频繁，请稍后再试',
    502: '服务暂不可用，请稍后再试',
    503: '服务暂不可用，请稍后再试',
  };
  return new ApiError(res.status, body?.message || fallback[res.status] || `请求失败（HTTP ${res.status}）`, body?.details, body?.code);
}

/** A reading that met a busy server (502/503) or a dropped connection is asked again this many times. */
const READ_RETRIES = 2;

/** Waits before asking again: the server's Retry-After (capped at 3 s), else 1 s; ends early when the page gives up. */
function pause(res: Response | undefined, signal?: AbortSignal): Promise<void> {
  const asked = Number(res?.headers.get('retry-after'));
  const ms = Number.isFinite(asked) && asked > 0 ? Math.min(asked, 3) * 1000 : 1000;
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new DOMException('aborted', 'AbortError'));
    }, { once: true });
  });
}

export async function request<T = any>(method: string, path: string, body?: unknown, opts: { signal?: AbortSignal; quiet401?: boolean } = {}): Promise<T> {
  let res: Response;
  // Only readings are asked again: a write that timed out may have been done, and the person decides.
  for (let attempt = 0; ; attempt++) {
    const last = method !== 'GET' || attempt >= READ_RETRIES;
    try {
      const early = attempt === 0 && method === 'GET' ? takeEarly(path, loadSession()?.token) : undefined;
      res = await (early ?? fetch(path, {
        method,
        headers: headers(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
        body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
        signal: opts.signal,
      }));
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      if (last) throw new ApiError(0, '无法连接服务器，请检查网络后重试');
      await pause(undefined, opts.signal);
      continue;
    }
    if (last || (res.status !== 502 && res.status !== 503)) break;
    await pause(res, opts.signal);
  }
  if (res.status === 401 && !opts.quiet401 && loadSession()?.token) onUnauthorized?.();
  if (!res.ok) throw await failure(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? res.json() : res.text()) as Promise<T>;
}

export const api = {
  get: <T = any>(path: string, opts?: { signal?: AbortSignal }) => request<T>('GET', path, undefined, opts),
  post: <T = any>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T = any>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  patch: <T = any>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {}),
  delete: <T = any>(path: string) => request<T>('DELETE', path),
};

/** `?a=1&b=2` from an object, leaving out empty values. */
export function qs(params: Record<string, unknown>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

/** Downloads a file the API serves (with the token), under the server's file name when it gives one. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await fetch(path, { headers: headers() });
  if (!res.ok) throw await failure(res);
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  const name = star ? decodeURIComponent(star[1]!) : plain ? plain[1]! : fallbackName;
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A step on a benefit-sharing record, its body typed by the server's own request schema (libs/contract): a
 * field the server would refuse does not type-check here. The actor is the signed-in user (the token).
 */
export function postSharing<K extends keyof SharingRequests>(recordId: string, step: K, body: SharingRequest<K>) {
  return api.post(`/api/sharing-records/${encodeURIComponent(recordId)}/${String(step)}`, body);
}

const seg = encodeURIComponent;

/** The lead routes, their bodies and queries typed by libs/contract (a field the server refuses does not type-check). */
export const leadApi = {
  listPath: (q: LeadQuery<'list'>) => `/api/leads${qs(q)}`,
  exportPath: (q: LeadQuery<'export'>) => `/api/leads/export.xlsx${qs(q)}`,
  staffPath: (q: LeadQuery<'staff'>) => `/api/staff${qs(q)}`,
  followUp: (leadId: string, body: LeadRequest<'followUp'>) => api.post(`/api/leads/${seg(leadId)}/follow-ups`, body),
  assign: (leadId: string, body: LeadRequest<'assign'>) => api.put(`/api/leads/${seg(leadId)}/owner`, body),
};

/** A park's inbox routes, typed by libs/contract. */
export const offerApi = {
  inboxPath: (parkId: string, q: OfferQuery<'inbox'>) => `/api/parks/${seg(parkId)}/offers${qs(q)}`,
  overduePath: (q: OfferQuery<'overdue'>) => `/api/offers/overdue${qs(q)}`,
  accept: (parkId: string, offerId: string, body: OfferRequest<'accept'> = {}) => api.post<Read<'POST /api/parks/{parkId}/offers/{offerId}/accept'>>(`/api/parks/${seg(parkId)}/offers/${seg(offerId)}/accept`, body),
  decline: (parkId: string, offerId: string, body: OfferRequest<'decline'>) => api.post<Read<'POST /api/parks/{parkId}/offers/{offerId}/decline'>>(`/api/parks/${seg(parkId)}/offers/${seg(offerId)}/decline`, body),
  stage: (parkId: string, leadId: string, body: OfferRequest<'stage'>) => api.post<Read<'POST /api/parks/{parkId}/leads/{leadId}/stage'>>(`/api/parks/${seg(parkId)}/leads/${seg(leadId)}/stage`, body),
};

/** Sign-in, API tokens and accounts, typed by libs/contract. */
export const adminApi = {
  login: (body: AdminRequest<'login'>) => request<Read<'POST /api/auth/login'>>('POST', '/api/auth/login', body, { quiet401: true }),
  tokensPath: (q: AdminQuery<'tokens'>) => `/api/auth/api-tokens${qs(q)}`,
  createToken: (body: AdminRequest<'createToken'>) => api.post('/api/auth/api-tokens', body),
  usersPath: (q: AdminQuery<'users'>) => `/api/users${qs(q)}`,
  createUser: (body: AdminRequest<'createUser'>) => api.post('/api/users', body),
  updateUser: (id: string, body: AdminRequest<'updateUser'>) => api.patch(`/api/users/${seg(id)}`, body),
  resetPassword: (id: string, body: AdminRequest<'resetPassword'>) => api.post(`/api/users/${seg(id)}/password`, body),
};

/** Webhook subscriptions, typed by libs/contract. */
export const webhookApi = {
  listPath: (q: WebhookQuery<'list'>) => `/api/webhooks${qs(q)}`,
  register: (body: WebhookRequest<'register'>) => api.post('/api/webhooks', body),
  update: (id: string, body: WebhookRequest<'update'>) => api.patch(`/api/webhooks/${seg(id)}`, body),
};

/** One file as the form field `file` (a park's firm list, a prospect list). */
export function postFile<T = any>(path: string, file: File) {
  const fd = new FormData();
  fd.set('file', file, file.name);
  return api.post<T>(path, fd);
}

/** An import upload: the file and the contract's form fields (a field the server refuses does not type-check). */
export function uploadImport(file: File, fields: ImportRequest<'upload'>) {
  const fd = new FormData();
  fd.append('file', file, file.name);
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) fd.append(k, String(v));
  return request<{ id: string }>('POST', '/api/imports', fd);
}
