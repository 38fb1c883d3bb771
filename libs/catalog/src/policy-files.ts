import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseSharingPolicy, type SharingPolicy } from '#sharing';
import { configDir } from './config-dir.js';

const distributionPolicy = z.object({
  notes: z.string().optional(),
  sameBoardMargin: z.number().min(0).max(1),
  minScore: z.number().min(0).max(1),
  maxOffers: z.number().int().min(1).max(20),
  respondWithinHours: z.number().positive(),
  assessWithinHours: z.number().positive(),
});
export type DistributionPolicy = z.infer<typeof distributionPolicy>;

const units = z.object({ notes: z.string().optional(), usdToCny: z.number().positive() });
export type Units = z.infer<typeof units>;

function readJson(dir: string, file: string): unknown {
  return JSON.parse(readFileSync(join(dir, file), 'utf8'));
}

/**
 * config/distribution-policy.json: which parks a lead is offered to, and their response clocks. A config folder
 * (PARKMATCH_CONFIG_DIR) from before the rename still has it as lead-sharing-policy.json, read when the new name is absent.
 */
export function loadDistributionPolicy(dir: string = configDir()): DistributionPolicy {
  const file = !existsSync(join(dir, 'distribution-policy.json')) && existsSync(join(dir, 'lead-sharing-policy.json')) ? 'lead-sharing-policy.json' : 'distribution-policy.json';
  return distributionPolicy.parse(readJson(dir, file));
}

export function loadUnits(dir: string = configDir()): Units {
  return units.parse(readJson(dir, 'units.json'));
}

/** config/sharing-policy.json (利益共享 defaults and allowed ranges), checked by libs/sharing's schema. */
export function loadSharingPolicy(dir: string = configDir()): SharingPolicy {
  return parseSharingPolicy(readJson(dir, 'sharing-policy.json'));
}
