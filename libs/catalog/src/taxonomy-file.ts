import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { configDir } from './config-dir.js';

const term = z.string().trim().min(1);
const terms = z.array(term).default([]);
const nodeId = z.string().regex(/^[a-z0-9-]+$/);

const taxonomyNodeSchema = z
  .object({
    id: nodeId,
    label: z.string().min(1),
    en: z.string().min(1),
    parents: z.array(nodeId).default([]),
    covers: z.array(z.string().min(1)).default([]),
    broad: z.boolean().default(false),
    synonyms: terms,
    components: terms,
    products: terms,
    phrases: terms,
    english: terms,
    upstream: z.array(nodeId).default([]),
    downstream: z.array(nodeId).default([]),
    related: z.array(nodeId).default([]),
  })
  .strict();

const metaSchema = z
  .object({
    taxonomyVersion: z.string().min(1),
    source: z.string().min(1),
    stopwords: z.object({ zh: z.array(term), en: z.array(term) }).strict(),
  })
  .strict();

const nodeFileSchema = z.object({ nodes: z.array(taxonomyNodeSchema) }).strict();

const taxonomySchema = metaSchema
  .extend({ nodes: z.array(taxonomyNodeSchema).min(1) })
  .superRefine((t, ctx) => {
    const ids = new Set<string>();
    for (const n of t.nodes) {
      if (ids.has(n.id)) ctx.addIssue({ code: 'custom', message: `duplicate taxonomy node ${n.id}` });
      ids.add(n.id);
    }
    const byId = new Map(t.nodes.map((n) => [n.id, n]));
    for (const n of t.nodes) {
      for (const ref of [...n.parents, ...n.upstream, ...n.downstream, ...n.related]) {
        if (!ids.has(ref)) ctx.addIssue({ code: 'custom', message: `taxonomy node ${n.id} refers to unknown node ${ref}` });
        if (ref === n.id) ctx.addIssue({ code: 'custom', message: `taxonomy node ${n.id} refers to itself` });
      }
    }
    // parents must form a DAG
    const state = new Map<string, 1 | 2>();
    const visit = (id: string, path: string[]): void => {
      const s = state.get(id);
      if (s === 2) return;
      if (s === 1) {
        ctx.addIssue({ code: 'custom', message: `taxonomy parent cycle: ${[...path, id].join(' → ')}` });
        return;
      }
      state.set(id, 1);
      for (const p of byId.get(id)?.parents ?? []) if (byId.has(p)) visit(p, [...path, id]);
      state.set(id, 2);
    };
    for (const n of t.nodes) visit(n.id, []);
  });

/** The industry taxonomy (产业招商图谱), validated. Structurally compatible with `Taxonomy` of #matching. */
export type TaxonomyData = z.infer<typeof taxonomySchema>;
export type TaxonomyNodeData = TaxonomyData['nodes'][number];

export function parseTaxonomy(raw: unknown): TaxonomyData {
  return taxonomySchema.parse(raw);
}

/**
 * Reads the taxonomy from `config/taxonomy/` (meta.json plus every other *.json file holding `{ "nodes": [...] }`,
 * in file-name order) or, when that folder is absent, from a single `config/taxonomy.json`.
 */
export function loadTaxonomy(dir: string = configDir()): TaxonomyData {
  const folder = join(dir, 'taxonomy');
  if (existsSync(folder)) {
    const meta = metaSchema.parse(JSON.parse(readFileSync(join(folder, 'meta.json'), 'utf8')));
    const nodes: unknown[] = [];
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.json') && f !== 'meta.json').sort()) {
      try {
        nodes.push(...nodeFileSchema.parse(JSON.parse(readFileSync(join(folder, file), 'utf8'))).nodes);
      } catch (err) {
        throw new Error(`config/taxonomy/${file}: ${(err as Error).message}`);
      }
    }
    return parseTaxonomy({ ...meta, nodes });
  }
  return parseTaxonomy(JSON.parse(readFileSync(join(dir, 'taxonomy.json'), 'utf8')));
}
