/**
 * Step 5 — score: the park-side data (TF-IDF postings, node-major coverage) that scoring reads; see options.ts for the
 * formula and candidates.ts for the loop.
 */
import type { ParkProfile } from './profile.js';

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

/** Per node, the best coverage any park gives it (the no-fit verdict and `sectors[].covered` read it). */
export interface NodeMatrix {
  best: Float64Array;
}

export function buildNodeMatrix(profiles: readonly ParkProfile[], nodeCount: number): NodeMatrix {
  const best = new Float64Array(nodeCount);
  for (const prof of profiles) for (let n = 0; n < nodeCount; n++) if (prof.coverage[n]! > best[n]!) best[n] = prof.coverage[n]!;
  return { best };
}

export function emptyScores(parkCount: number): ParkScores {
  const P = parkCount;
  return { query: [], qNorm: 0, concept: new Float64Array(P), lexical: new Float64Array(P), history: new Float64Array(P), named: new Float64Array(P), score: new Float64Array(P) };
}

// Scoring itself (concept, lexical, history → score) runs over the parks sharing evidence with a lead: candidates.ts.
