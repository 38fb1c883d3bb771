import { z } from 'zod';

// zod's own messages (a wrong type, an array for a scalar) reach people too: Chinese, like every message we write.
z.config(z.locales.zhCN());

export interface Refusal {
  field: string;
  message: string;
}

/** The value a client sent at an issue's path (zod's issues do not carry it unless asked to). */
function sentAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let v = body;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** What a person reads for each problem of a request body: the field and a Chinese sentence. */
export function refusalsOf(error: z.ZodError, body: unknown): Refusal[] {
  return error.issues.map((i) => {
    const field = i.path.join('.');
    const message =
      i.code === 'unrecognized_keys' ? `不支持的字段：${i.keys.join('、')}` : i.code === 'invalid_type' && sentAt(body, i.path) === undefined ? `缺少字段 ${field}` : `${field}：${i.message}`;
    return { field, message };
  });
}

/** Parses a body with a contract schema: the value, or the refusals in Chinese. */
export function checkBody<S extends z.ZodType>(schema: S, body: unknown): { ok: true; data: z.output<S> } | { ok: false; refusals: Refusal[] } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { ok: false, refusals: [{ field: '', message: '请求体须为 JSON 对象' }] };
  const r = schema.safeParse(body);
  return r.success ? { ok: true, data: r.data } : { ok: false, refusals: refusalsOf(r.error, body) };
}
