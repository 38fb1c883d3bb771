/**
 * Step 5 — score: concept coverage, lexical cosine and history for every park (see options.ts for the formula).
 */
import type { MatchOptions } from './options.js';
import type { ParkProfile } from './profile.js';
import type { Evidence } from './weigh.js';

export interface Posting {
  idf: number;
  /** parks whose document holds the term (ascending) */
  parks: Int32Array;
  /** normalized document weight, aligned with parks */
  weights: Float64Array;
  /** first direction of the park whose text holds the term (-1: only its signed projects), aligned with parks */
  dirs: Int16Array;
  /** park index → position in parks, -1 when the park's document lacks the term */
  slot: Int8Array | Int16Array;
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
    const slot = n < 128 ? new Int8Array(n).fill(-1) : new Int16Array(n).fill(-1);
    l.forEach((x, k) => (slot[x.p] = k));
    postings.set(t, {
      idf: idf.get(t)!,
      parks: Int32Array.from(l.map((x) => x.p)),
      weights: Float64Array.from(l.map((x) => x.w)),
      dirs: Int16Array.from(l.map((x) => profiles[x.p]!.termDirection.get(t) ?? -1)),
      slot,
    });
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
  /** share of the lead's evidence in nodes the park names by a direction or sub-direction (a tie-breaker) */
  named: Float64Array;
  score: Float64Array;
}

/** Node-major copies of the parks' coverage and history (node → one value per park), for a cache-friendly loop. */
export interface NodeMatrix {
  coverage: Float64Array[];
  history: (Float64Array | null)[];
  /** node → 1/0 per park: the park names the node (null when no park does) */
  named: (Float64Array | null)[];
  /** best coverage of the node by any park */
  best: Float64Array;
}

export function buildNodeMatrix(profiles: readonly ParkProfile[], nodeCount: number): NodeMatrix {
  const P = profiles.length;
  const coverage: Float64Array[] = [];
  const history: (Float64Array | null)[] = [];
  const named: (Float64Array | null)[] = [];
  const best = new Float64Array(nodeCount);
  for (let n = 0; n < nodeCount; n++) {
    const c = new Float64Array(P);
    const h = new Float64Array(P);
    const nm = new Float64Array(P);
    let any = false;
    let anyNamed = false;
    for (let p = 0; p < P; p++) {
      nm[p] = profiles[p]!.named[n]!;
      if (nm[p]! > 0) anyNamed = true;
      c[p] = profiles[p]!.coverage[n]!;
      h[p] = profiles[p]!.history[n]!;
      if (h[p]! > 0) any = true;
      if (c[p]! > best[n]!) best[n] = c[p]!;
    }
    coverage.push(c);
    history.push(any ? h : null);
    named.push(anyNamed ? nm : null);
  }
  return { coverage, history, named, best };
}

export function emptyScores(parkCount: number): ParkScores {
  const P = parkCount;
  return { query: [], qNorm: 0, concept: new Float64Array(P), lexical: new Float64Array(P), history: new Float64Array(P), named: new Float64Array(P), score: new Float64Array(P) };
}

/** Scores every park into `into` (reused between leads: its arrays are overwritten). */
export function scoreParks(
  profiles: readonly ParkProfile[],
  matrix: NodeMatrix,
  index: LexicalIndex,
  evidence: Evidence,
  leadTf: Map<string, number>,
  o: MatchOptions,
  into: ParkScores = emptyScores(profiles.length),
): ParkScores {
  const P = profiles.length;
  const { concept, lexical, history, named, score } = into;
  named.fill(0);
  concept.fill(0);
  lexical.fill(0);
  history.fill(0);

  if (evidence.total > 0) {
    const inv = 1 / evidence.total;
    for (const node of evidence.nodes) {
      const share = evidence.weight[node]! * inv;
      const cov = matrix.coverage[node]!;
      for (let p = 0; p < P; p++) concept[p]! += share * cov[p]!;
      const hist = matrix.history[node];
      if (hist) for (let p = 0; p < P; p++) history[p]! += share * hist[p]!;
      const nm = matrix.named[node];
      if (nm) for (let p = 0; p < P; p++) named[p]! += share * nm[p]!;
    }
  }

  let qn = 0;
  const query = into.query;
  query.length = 0;
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
  into.qNorm = Math.sqrt(qn);
  return into;
}
