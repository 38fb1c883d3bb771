/**
 * Step 4 — weigh: from the matched terms, the lead's evidence per taxonomy node (its "concept vector"), and the
 * lead's lexical term frequencies for the TF-IDF side.
 */
import type { Hit } from './dictionary.js';
import { BREAK, type Token } from './terms.js';
import type { MatchOptions } from './options.js';

export interface Evidence {
  /** node index → weight */
  weights: Map<number, number>;
  /** node index → lead surfaces that evidenced it (first-seen order, unique) */
  surfaces: Map<number, string[]>;
  /** node index → part of the weight that came from the declared sector */
  declared: Map<number, number>;
  total: number;
}

export function emptyEvidence(): Evidence {
  return { weights: new Map(), surfaces: new Map(), declared: new Map(), total: 0 };
}

/** Adds the evidence of `hits` to `ev`, multiplied by `scale` (declaredSectorWeight for the declared sector). */
export function addEvidence(ev: Evidence, hits: readonly Hit[], options: MatchOptions, scale = 1, declared = false): void {
  const seen = new Map<string, number>();
  for (const hit of hits) {
    const n = seen.get(hit.key) ?? 0;
    seen.set(hit.key, n + 1);
    const repeat = n === 0 ? 1 : Math.pow(options.repeatDecay, n);
    const share = (hit.factor * repeat * scale) / hit.entries.length;
    for (const e of hit.entries) {
      const w = e.weight * share;
      ev.weights.set(e.node, (ev.weights.get(e.node) ?? 0) + w);
      if (declared) ev.declared.set(e.node, (ev.declared.get(e.node) ?? 0) + w);
      let s = ev.surfaces.get(e.node);
      if (!s) ev.surfaces.set(e.node, (s = []));
      if (!s.includes(hit.surface)) s.push(hit.surface);
      ev.total += w;
    }
  }
}

/** Lexical term frequencies of a token stream: stopwords, BREAKs and single Chinese characters left out. */
export function termFrequencies(tokens: readonly Token[], stopwords: ReadonlySet<string>, into = new Map<string, number>(), scale = 1): Map<string, number> {
  for (const t of tokens) {
    if (t === BREAK || stopwords.has(t.key)) continue;
    if (t.key.length < 2) continue;
    into.set(t.key, (into.get(t.key) ?? 0) + scale);
  }
  return into;
}
