import { z } from 'zod';

/**
 * Pieces the response schemas share. Objects are strict: a field the API sends that is not written here
 * fails the e2e check (tests/support/platform.ts), so the contract cannot fall behind the code.
 */

/** An instant as JSON writes a Date: ISO 8601 in UTC. */
export const instant = z.iso.datetime();
/** A calendar date, YYYY-MM-DD. */
export const day = z.iso.date();
export const count = z.number().int().nonnegative();

/** A page of a list paged by limit/offset. */
export const offsetPage = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item), total: count, limit: count, offset: count });

/** A person as the lists name them (责任人, staff). */
export const person = z.strictObject({ id: z.string(), name: z.string() });

/** A code with its Chinese label (the console's code tables). */
export const labelled = z.strictObject({ code: z.string(), label: z.string() });

/** An amount as entered, with its value in 万元. */
export const amount = z.strictObject({ value: z.number(), unit: z.string().nullable(), wanYuan: z.number().nullable() });

/** One matching reason (libs/matching MatchReason). */
export const matchReason = z.strictObject({
  kind: z.enum(['sector', 'term', 'declared-sector', 'history', 'chain']),
  direction: z.string(),
  terms: z.array(z.string()),
  weight: z.number(),
  text: z.string(),
});

/** A contact person as stored with a lead. */
export const contact = z.strictObject({ name: z.string(), phone: z.string().optional(), email: z.string().optional() });
