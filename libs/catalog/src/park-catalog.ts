import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { configDir } from './config-dir.js';

const direction = z.object({
  text: z.string().min(1),
  name: z.string().min(1),
  subDirections: z.array(z.string().min(1)),
  en: z.string().min(1),
});

const catalogSchema = z
  .object({
    catalogVersion: z.string(),
    source: z.string(),
    boards: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(['county', 'district', 'city-park']) })),
    parks: z.array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]+$/),
        name: z.string().min(1),
        board: z.string(),
        seedText: z.string().min(1),
        directions: z.array(direction).min(1),
      }),
    ),
  })
  .superRefine((c, ctx) => {
    const boards = new Set(c.boards.map((b) => b.id));
    const ids = new Set<string>();
    for (const p of c.parks) {
      if (!boards.has(p.board)) ctx.addIssue({ code: 'custom', message: `park ${p.id} names unknown board ${p.board}` });
      if (ids.has(p.id)) ctx.addIssue({ code: 'custom', message: `duplicate park id ${p.id}` });
      ids.add(p.id);
      if (p.directions.map((d) => d.text).join('、') !== p.seedText)
        ctx.addIssue({ code: 'custom', message: `park ${p.id}: directions do not add up to the seed text` });
    }
  });

export type ParkCatalog = z.infer<typeof catalogSchema>;
export type CatalogPark = ParkCatalog['parks'][number];
export type CatalogBoard = ParkCatalog['boards'][number];
export type ParkDirection = z.infer<typeof direction>;

export function parseParkCatalog(raw: unknown): ParkCatalog {
  return catalogSchema.parse(raw);
}

/** Reads and validates config/parks.json (the seed table of the 2024 action plan). */
export function loadParkCatalog(dir: string = configDir()): ParkCatalog {
  return parseParkCatalog(JSON.parse(readFileSync(join(dir, 'parks.json'), 'utf8')));
}
