import { z } from 'zod';
import { count, instant } from './common.js';

/** GET /api/boards: the twelve boards (板块). */
export const BoardList = z.strictObject({ items: z.array(z.strictObject({ id: z.string(), name: z.string(), kind: z.string(), parkCount: count })) });

const direction = z.strictObject({ text: z.string(), name: z.string(), subDirections: z.array(z.string()), en: z.string() });
const park = {
  id: z.string(),
  name: z.string(),
  board: z.strictObject({ id: z.string(), name: z.string() }),
  currentVersion: z.number().int(),
  seedText: z.string(),
  directions: z.array(direction),
  updatedAt: instant,
};

/** GET /api/parks: the parks with their current specialization (主攻方向). */
export const ParkList = z.strictObject({ items: z.array(z.strictObject(park)) });

/** GET /api/parks/{id}: a park with every version of its profile, newest first. */
export const ParkDetail = z.strictObject({
  ...park,
  versions: z.array(z.strictObject({ version: z.number().int(), seedText: z.string(), directions: z.array(direction), source: z.string(), createdBy: z.string(), createdAt: instant })),
});
