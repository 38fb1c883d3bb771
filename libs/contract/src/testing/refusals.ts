// Test support owned by the library: its specs read a contract's refusals here.
import type { z } from 'zod';
import { checkBody } from '../refusal.js';

/** The Chinese messages a contract answers a body with; throws when it takes the body. */
export function refusals(schema: z.ZodType, body: unknown): string[] {
  const r = checkBody(schema, body);
  if (r.ok) throw new Error('expected a refusal');
  return r.refusals.map((x) => x.message);
}
