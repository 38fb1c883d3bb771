import { z } from 'zod';
import { FULL_BP, INDICATORS, START_EVENTS, type Indicator, type StartEvent } from './types.js';

/**
 * The city's default sharing policy (config/sharing-policy.json), validated.
 * The caller reads the file; `parseSharingPolicy(JSON.parse(text))` checks it.
 */

const bp = z.number().int().min(0).max(FULL_BP);
const startEvent = z.enum(START_EVENTS);
const range = (min: number, max: number) =>
  z
    .object({ min: z.number().int().min(min).max(max), max: z.number().int().min(min).max(max) })
    .strict()
    .refine((r) => r.min <= r.max, { message: 'range min must not exceed max' });

const defaultCredit = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('double') }).strict(),
  z.object({ mode: z.literal('split'), originBp: bp }).strict(),
]);

const perIndicator = <T extends z.ZodType>(schema: T) =>
  z.object(Object.fromEntries(INDICATORS.map((i) => [i, schema])) as Record<Indicator, T>).strict();

const policySchema = z
  .object({
    policyVersion: z.string().min(1),
    title: z.string().min(1),
    source: z.string().min(1),
    notes: z.array(z.string().min(1)).min(1),
    revenueBasis: z.string().min(1),
    defaults: z
      .object({
        credit: perIndicator(defaultCredit),
        creditWindow: z.object({ years: z.number().int().min(1), startEvent }).strict(),
        revenueShare: z.object({ originBp: bp, years: z.number().int().min(1), startEvent }).strict(),
      })
      .strict(),
    ranges: z
      .object({
        allowedModes: perIndicator(z.array(z.enum(['double', 'split'])).min(1)),
        splitOriginBp: range(0, FULL_BP),
        revenueShareOriginBp: range(0, FULL_BP),
        revenueShareYears: range(1, 50),
        creditWindowYears: range(1, 50),
        startEvents: z.array(startEvent).min(1),
      })
      .strict(),
  })
  .strict()
  .superRefine((p, ctx) => {
    // The defaults must themselves be a valid negotiated agreement: otherwise a default record could not be edited back.
    const r = p.ranges;
    for (const i of INDICATORS) {
      const c = p.defaults.credit[i];
      if (!r.allowedModes[i].includes(c.mode))
        ctx.addIssue({ code: 'custom', path: ['defaults', 'credit', i], message: `default mode ${c.mode} is not allowed for ${i}` });
      if (c.mode === 'split' && (c.originBp < r.splitOriginBp.min || c.originBp > r.splitOriginBp.max))
        ctx.addIssue({ code: 'custom', path: ['defaults', 'credit', i], message: 'default split share outside ranges.splitOriginBp' });
    }
    const rs = p.defaults.revenueShare;
    if (rs.originBp < r.revenueShareOriginBp.min || rs.originBp > r.revenueShareOriginBp.max)
      ctx.addIssue({ code: 'custom', path: ['defaults', 'revenueShare', 'originBp'], message: 'outside ranges.revenueShareOriginBp' });
    if (rs.years < r.revenueShareYears.min || rs.years > r.revenueShareYears.max)
      ctx.addIssue({ code: 'custom', path: ['defaults', 'revenueShare', 'years'], message: 'outside ranges.revenueShareYears' });
    const cw = p.defaults.creditWindow;
    if (cw.years < r.creditWindowYears.min || cw.years > r.creditWindowYears.max)
      ctx.addIssue({ code: 'custom', path: ['defaults', 'creditWindow', 'years'], message: 'outside ranges.creditWindowYears' });
    for (const [path, ev] of [
      [['defaults', 'revenueShare', 'startEvent'], rs.startEvent],
      [['defaults', 'creditWindow', 'startEvent'], cw.startEvent],
    ] as const)
      if (!r.startEvents.includes(ev)) ctx.addIssue({ code: 'custom', path: [...path], message: `start event ${ev} not in ranges.startEvents` });
  });

export type SharingPolicy = z.infer<typeof policySchema>;
export type NumberRange = { readonly min: number; readonly max: number };

/** Validates the parsed JSON of config/sharing-policy.json; throws a ZodError naming the bad field. */
export function parseSharingPolicy(raw: unknown): SharingPolicy {
  return policySchema.parse(raw);
}

/** Like `parseSharingPolicy` but returns the problems instead of throwing (for start-up checks). */
export function safeParseSharingPolicy(raw: unknown): { ok: true; policy: SharingPolicy } | { ok: false; problems: string[] } {
  const r = policySchema.safeParse(raw);
  if (r.success) return { ok: true, policy: r.data };
  return { ok: false, problems: r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
}

export function isStartEventAllowed(policy: SharingPolicy, event: StartEvent): boolean {
  return policy.ranges.startEvents.includes(event);
}
