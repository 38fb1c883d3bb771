/**
 * Step 5 — score: concept coverage, lexical cosine and history for every park (see options.ts for the formula).
 */
import type { MatchOptions } from './options.js';
import type { ParkProfile } from './profile.js';
import type { Evidence } from './weigh.js';

export interface Posting {
  idf: number;
  parks: Int32Array;
  weights: Float64Array;
}

export interface LexicalIndex {
  postings: Map<string, Posting>;
}

export function sublinear(tf: number): number {
  return tf >= 1 ? 1 + Math.log(tf) : tf;
}

/** Builds the TF-IDF index over park documents; sets each profile's norm. idf = ln(1 + N / df). */
export function buildLexicalIndex(profiles: ParkProfile[], docs: Map<string, number>[]): LexicalIndex {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const idf = new Map<string, number>();
  for (const [t, f] of df) idf.set(t, Math.log(1 + n / f));
  const lists = new Map<string, { p: number; w: number }[]>();
  docs.forEach((d, p) => {
    let norm = 0;
    const ws: [string, number][] = [];
    for (const [t, f] of d) {
      const w = sublinear(f) * idf.get(t)!;
      ws.push([t, w]);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    profiles[p]!.lexicalNorm = norm;
    for (const [t, w] of ws) {
      let l = lists.get(t);
      if (!l) lists.set(t, (l = []));
      l.push({ p, w: norm > 0 ? w / norm : 0 });
    }
  });
  const postings = new Map<string, Posting>();
  for (const [t, l] of [...lists].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    postings.set(t, { idf: idf.get(t)!, parks: Int32Array.from(l.map((x) => x.p)), weights: Float64Array.from(l.map((x) => x.w)) });
  }
  return { postings };
}

export interface QueryTerm {
  term: string;
  q: number;
  post: Posting;
}

export interface ParkScores {
  /** The lead's terms found in some park document, with their query weight; qNorm is the query vector's norm. */
  query: QueryTerm[];
  qNorm: number;
  concept: Float64Array;
  lexical: Float64Array;
  history: Float64Array;
  score: Float64Array;
}

/** Node-major copies of the parks' coverage and history (node → one value per park), for a cache-friendly loop. */
export interface NodeMatrix {
  coverage: Float64Array[];
  history: (Float64Array | null)[];
  /** best coverage of the node by any park */
  best: Float64Array;
}

export function buildNodeMatrix(profiles: readonly ParkProfile[], nodeCount: number): NodeMatrix {
  const P = profiles.length;
  const coverage: Float64Array[] = [];
  const history: (Float64Array | null)[] = [];
  const best = new Float64Array(nodeCount);
  for (let n = 0; n < nodeCount; n++) {
    const c = new Float64Array(P);
    const h = new Float64Array(P);
    let any = false;
    for (let p = 0; p < P; p++) {
      c[p] = profiles[p]!.coverage[n]!;
      h[p] = profiles[p]!.history[n]!;
      if (h[p]! > 0) any = true;
      if (c[p]! > best[n]!) best[n] = c[p]!;
    }
    coverage.push(c);
    history.push(any ? h : null);
  }
  return { coverage, history, best };
}

export function scoreParks(
  profiles: readonly ParkProfile[],
  matrix: NodeMatrix,
  index: LexicalIndex,
  evidence: Evidence,
  leadTf: Map<string, number>,
  o: MatchOptions,
): ParkScores {
  const P = profiles.length;
  const concept = new Float64Array(P);
  const lexical = new Float64Array(P);
  const history = new Float64Array(P);
  const score = new Float64Array(P);

  if (evidence.total > 0) {
    const inv = 1 / evidence.total;
    for (const [node, w] of evidence.weights) {
      const share = w * inv;
      const cov = matrix.coverage[node]!;
      for (let p = 0; p < P; p++) concept[p]! += share * cov[p]!;
      const hist = matrix.history[node];
      if (hist) for (let p = 0; p < P; p++) history[p]! += share * hist[p]!;
    }
  }

  let qn = 0;
  const query: QueryTerm[] = [];
  for (const [t, f] of leadTf) {
    const post = index.postings.get(t);
    if (!post) continue;
    const q = sublinear(f) * post.idf;
    qn += q * q;
    query.push({ term: t, q, post });
    for (let k = 0; k < post.parks.length; k++) lexical[post.parks[k]!]! += q * post.weights[k]!;
  }
  if (qn > 0) {
    const inv = 1 / Math.sqrt(qn);
    for (let p = 0; p < P; p++) lexical[p] = Math.min(1, lexical[p]! * inv);
  }

  for (let p = 0; p < P; p++) {
    concept[p] = Math.min(1, concept[p]!);
    history[p] = Math.min(1, history[p]!);
    const s = o.conceptWeight * concept[p]! + o.lexicalWeight * lexical[p]! + o.historyWeight * history[p]!;
    score[p] = Math.round(Math.min(1, Math.max(0, s)) * 1e4) / 1e4;
  }
  return { query, qNorm: Math.sqrt(qn), concept, lexical, history, score };
}
