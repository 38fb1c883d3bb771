/**
 * Step 4 — weigh: from the matched terms, the lead's evidence per taxonomy node (its "concept vector"), and the
 * lead's lexical term frequencies for the TF-IDF side.
 */
import type { Hit } from './dictionary.js';
import { BREAK, type Token } from './terms.js';
import type { MatchOptions } from './options.js';

/**
 * Evidence as flat arrays indexed by node (allocated once per matcher and reset per lead, see resetEvidence); `nodes`
 * lists the evidenced nodes in first-seen order, the order every sum over the evidence follows.
 */
export interface Evidence {
  /** evidenced node indices, first-seen order */
  nodes: number[];
  /** node index → weight (0 when not evidenced) */
  weight: Float64Array;
  /** node index → part of the weight that came from the declared sector */
  declared: Float64Array;
  /** node index → lead surfaces that evidenced it (first-seen order, unique); undefined when not evidenced */
  surfaces: (string[] | undefined)[];
  total: number;
}

export function emptyEvidence(nodeCount: number): Evidence {
  return { nodes: [], weight: new Float64Array(nodeCount), declared: new Float64Array(nodeCount), surfaces: new Array<string[] | undefined>(nodeCount).fill(undefined), total: 0 };
}

/** Clears `ev` for the next lead, touching only the nodes the previous one evidenced. */
export function resetEvidence(ev: Evidence): void {
  for (const n of ev.nodes) {
    ev.weight[n] = 0;
    ev.declared[n] = 0;
    ev.surfaces[n] = undefined;
  }
  ev.nodes.length = 0;
  ev.total = 0;
}

const seen = new Map<string, number>();

/** Adds the evidence of `hits` to `ev`, multiplied by `scale` (declaredSectorWeight for the declared sector). */
export function addEvidence(ev: Evidence, hits: readonly Hit[], options: MatchOptions, scale = 1, declared = false): void {
  seen.clear();
  for (let h = 0; h < hits.length; h++) {
    const hit = hits[h]!;
    const n = seen.get(hit.key) ?? 0;
    seen.set(hit.key, n + 1);
    const repeat = n === 0 ? 1 : Math.pow(options.repeatDecay, n);
    const share = (hit.factor * repeat * scale) / hit.entries.length;
    for (let k = 0; k < hit.entries.length; k++) {
      const e = hit.entries[k]!;
      const w = e.weight * share;
      ev.weight[e.node]! += w;
      if (declared) ev.declared[e.node]! += w;
      const s = ev.surfaces[e.node];
      if (s === undefined) {
        ev.surfaces[e.node] = [hit.surface];
        ev.nodes.push(e.node);
      } else if (!s.includes(hit.surface)) s.push(hit.surface);
      ev.total += w;
    }
  }
}

/** Lexical term frequencies of a token stream: stopwords, BREAKs and single Chinese characters left out. */
export function termFrequencies(tokens: readonly Token[], stopwords: ReadonlySet<string>, into = new Map<string, number>(), scale = 1): Map<string, number> {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === BREAK || t.key.length < 2 || stopwords.has(t.key)) continue;
    into.set(t.key, (into.get(t.key) ?? 0) + scale);
  }
  return into;
}
