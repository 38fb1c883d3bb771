/**
 * Inverted index over taxonomy nodes (the lexical side already has term postings): only parks that share evidence
 * with a lead — a node they cover, name or learned from, or a term of their document — are scored and sorted; every
 * other park scores 0 on every part and keeps its place in one order fixed when the matcher is built (the tie rule of
 * rank.ts). The sums skip only zero terms, so the output is the one of scoring every park (many-parks.spec.ts pins it).
 * Score = conceptWeight·concept + lexicalWeight·lexical + historyWeight·history, each capped at 1 (options.ts).
 */
import type { MatchOptions } from './options.js';
import type { ParkProfile } from './profile.js';
import { before } from './rank.js';
import { emptyScores, sublinear, type LexicalIndex, type ParkScores } from './score.js';
import type { Evidence } from './weigh.js';

/** For one node, the parks with a non-zero value and that value, ascending by park. */
interface NodePostings {
  parks: Int32Array;
  values: Float64Array;
}

const NONE: NodePostings = { parks: new Int32Array(0), values: new Float64Array(0) };

export interface CandidateIndex {
  coverage: NodePostings[];
  history: NodePostings[];
  named: NodePostings[];
  /** every park in the order parks with all-zero scores take among themselves */
  zeroOrder: Int32Array;
}

function postings(profiles: readonly ParkProfile[], nodeCount: number, value: (p: ParkProfile, node: number) => number): NodePostings[] {
  const out: NodePostings[] = [];
  for (let n = 0; n < nodeCount; n++) {
    const ps: number[] = [];
    const vs: number[] = [];
    for (let p = 0; p < profiles.length; p++) {
      const v = value(profiles[p]!, n);
      if (v !== 0) (ps.push(p), vs.push(v));
    }
    out.push(ps.length ? { parks: Int32Array.from(ps), values: Float64Array.from(vs) } : NONE);
  }
  return out;
}

export function buildCandidateIndex(profiles: readonly ParkProfile[], nodeCount: number): CandidateIndex {
  const zero = emptyScores(profiles.length);
  const zeroOrder = Int32Array.from(profiles.map((_, i) => i).sort((a, b) => (before(profiles, zero, a, b) ? -1 : before(profiles, zero, b, a) ? 1 : 0)));
  return {
    coverage: postings(profiles, nodeCount, (p, n) => p.coverage[n]!),
    history: postings(profiles, nodeCount, (p, n) => p.history[n]!),
    named: postings(profiles, nodeCount, (p, n) => p.named[n]!),
    zeroOrder,
  };
}

/** Per-matcher scratch: which parks the current lead touched (reset per lead in time proportional to them). */
export class Candidates {
  readonly list: number[] = [];
  private readonly mark: Uint8Array;

  constructor(parkCount: number) {
    this.mark = new Uint8Array(parkCount);
  }

  add(p: number): void {
    if (this.mark[p] === 0) {
      this.mark[p] = 1;
      this.list.push(p);
    }
  }

  has(p: number): boolean {
    return this.mark[p] === 1;
  }

  clear(s: ParkScores): void {
    for (const p of this.list) {
      this.mark[p] = 0;
      s.concept[p] = 0;
      s.lexical[p] = 0;
      s.history[p] = 0;
      s.named[p] = 0;
      s.score[p] = 0;
    }
    this.list.length = 0;
  }
}

/** Scores the parks sharing evidence with the lead; `into` must have been cleared through `cands` since its last use. */
export function scoreCandidates(ix: CandidateIndex, index: LexicalIndex, evidence: Evidence, leadTf: Map<string, number>, o: MatchOptions, cands: Candidates, into: ParkScores): ParkScores {
  cands.clear(into);
  const { concept, lexical, history, named, score } = into;
  if (evidence.total > 0) {
    const inv = 1 / evidence.total;
    for (const node of evidence.nodes) {
      const share = evidence.weight[node]! * inv;
      const cov = ix.coverage[node]!;
      for (let k = 0; k < cov.parks.length; k++) {
        const p = cov.parks[k]!;
        cands.add(p);
        concept[p]! += share * cov.values[k]!;
      }
      const hist = ix.history[node]!;
      for (let k = 0; k < hist.parks.length; k++) {
        const p = hist.parks[k]!;
        cands.add(p);
        history[p]! += share * hist.values[k]!;
      }
      const nm = ix.named[node]!;
      for (let k = 0; k < nm.parks.length; k++) {
        const p = nm.parks[k]!;
        cands.add(p);
        named[p]! += share * nm.values[k]!;
      }
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
    for (let k = 0; k < post.parks.length; k++) {
      const p = post.parks[k]!;
      cands.add(p);
      lexical[p]! += q * post.weights[k]!;
    }
  }
  const list = cands.list;
  if (qn > 0) {
    const inv = 1 / Math.sqrt(qn);
    for (const p of list) lexical[p] = Math.min(1, lexical[p]! * inv);
  }
  for (const p of list) {
    concept[p] = Math.min(1, concept[p]!);
    history[p] = Math.max(-1, Math.min(1, history[p]!));
    const s = o.conceptWeight * concept[p]! + o.lexicalWeight * lexical[p]! + o.historyWeight * history[p]!;
    score[p] = Math.round(Math.min(1, Math.max(0, s)) * 1e4) / 1e4;
  }
  into.qNorm = Math.sqrt(qn);
  return into;
}

/** Every park, best first: the candidates sorted by the tie rule, merged into the fixed order of the untouched parks. */
export function orderCandidates(profiles: readonly ParkProfile[], s: ParkScores, ix: CandidateIndex, cands: Candidates, ev: Evidence): number[] {
  const sorted = cands.list.slice().sort((a, b) => (before(profiles, s, a, b, ev) ? -1 : 1));
  const zero = ix.zeroOrder;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  for (;;) {
    while (j < zero.length && cands.has(zero[j]!)) j++;
    if (i < sorted.length && (j >= zero.length || before(profiles, s, sorted[i]!, zero[j]!, ev))) out.push(sorted[i++]!);
    else if (j < zero.length) out.push(zero[j++]!);
    else return out;
  }
}

/** The best concept and lexical scores of any park (untouched ones are 0), for isNoFit. */
export function bestOfCandidates(s: ParkScores, cands: Candidates): { concept: number; lexical: number } {
  let concept = 0;
  let lexical = 0;
  for (const p of cands.list) {
    concept = Math.max(concept, s.concept[p]!);
    lexical = Math.max(lexical, s.lexical[p]!);
  }
  return { concept, lexical };
}
