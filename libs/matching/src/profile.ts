/**
 * Park profiles, built once per matcher: for every park, how well it covers each taxonomy node (and through which
 * direction and relation), its TF-IDF document vector, and what its signed projects teach.
 */
import type { TermDictionary } from './dictionary.js';
import type { MatchOptions } from './options.js';
import type { Segmenter } from './segment.js';
import { normalize } from './normalize.js';
import { toTokens } from './terms.js';
import { addEvidence, emptyEvidence, termFrequencies } from './weigh.js';
import type { MatchDirection, MatchPark, TaxonomyNode } from './types.js';

export const REL_NONE = 0;
export const REL_SECTOR = 1;
export const REL_CHAIN = 2;

export interface ParkProfile {
  park: MatchPark;
  /** node index → coverage in [0, 1] */
  coverage: Float64Array;
  /** node index → direction index giving that coverage */
  coverageDirection: Int16Array;
  /** node index → REL_SECTOR | REL_CHAIN */
  coverageRelation: Uint8Array;
  /** node index → 1 when a direction or sub-direction of the park names the node itself (not through an umbrella) */
  named: Uint8Array;
  /** how many sectors the park's directions and sub-directions name: fewer is more focused (a tie-breaker) */
  namedCount: number;
  /** how far the park's specialization reaches: Σ of its sector coverage over the taxonomy (smaller is narrower; a tie-breaker) */
  reach: number;
  /** node index → history strength in [-1, 1] (negative: the park declined such leads as outside its direction) */
  history: Float64Array;
  /** L2 norm of the lexical document vector */
  lexicalNorm: number;
  /** lexical term → first direction whose text holds it (-1: only in signed projects) */
  termDirection: Map<string, number>;
}

export interface Graph {
  index: Map<string, number>;
  children: number[][];
  parents: number[][];
  links: number[][];
}

export function buildGraph(nodes: readonly TaxonomyNode[]): Graph {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const children: number[][] = nodes.map(() => []);
  const parents: number[][] = nodes.map(() => []);
  const links: number[][] = nodes.map(() => []);
  nodes.forEach((n, i) => {
    for (const p of n.parents ?? []) {
      const j = index.get(p);
      if (j === undefined) throw new Error(`taxonomy node ${n.id}: unknown parent ${p}`);
      parents[i]!.push(j);
      children[j]!.push(i);
    }
    for (const l of [...(n.upstream ?? []), ...(n.downstream ?? []), ...(n.related ?? [])]) {
      const j = index.get(l);
      if (j === undefined) throw new Error(`taxonomy node ${n.id}: unknown link ${l}`);
      if (!links[i]!.includes(j)) links[i]!.push(j);
      if (!links[j]!.includes(i)) links[j]!.push(i);
    }
  });
  return { index, children, parents, links };
}

/** The node and everything below it, with the (shortest) distance. */
function subtree(graph: Graph, root: number): Map<number, number> {
  const dist = new Map<number, number>([[root, 0]]);
  let frontier = [root];
  for (let d = 1; frontier.length; d++) {
    const next: number[] = [];
    for (const n of frontier) for (const c of graph.children[n]!) if (!dist.has(c)) (dist.set(c, d), next.push(c));
    frontier = next;
  }
  return dist;
}

/** Ancestors with their distance (shortest). */
function ancestors(graph: Graph, start: number): Map<number, number> {
  const dist = new Map<number, number>();
  let frontier = [start];
  for (let d = 1; frontier.length; d++) {
    const next: number[] = [];
    for (const n of frontier) for (const p of graph.parents[n]!) if (!dist.has(p) && p !== start) (dist.set(p, d), next.push(p));
    frontier = next;
  }
  return dist;
}

export interface ProfileContext {
  nodes: readonly TaxonomyNode[];
  graph: Graph;
  /** exact direction / sub-direction wording → node indices */
  covers: Map<string, number[]>;
  dictionary: TermDictionary;
  segmenter: Segmenter;
  stopwords: ReadonlySet<string>;
  options: MatchOptions;
}

/** Nodes a direction string stands for: the taxonomy's `covers`, else what its text evidences. */
function directionNodes(ctx: ProfileContext, text: string): { node: number; weight: number }[] {
  const exact = ctx.covers.get(text);
  if (exact && exact.length) return exact.map((node) => ({ node, weight: 1 }));
  const ev = emptyEvidence(ctx.nodes.length);
  addEvidence(ev, ctx.dictionary.match(toTokens(ctx.segmenter.cut(normalize(text))), ctx.options.substringMatchFactor), ctx.options);
  let max = 0;
  for (const node of ev.nodes) max = Math.max(max, ev.weight[node]!);
  return ev.nodes.filter((node) => ev.weight[node]! >= max * 0.5).map((node) => ({ node, weight: (ev.weight[node]! / max) * ctx.options.fallbackDirectionWeight }));
}

/**
 * How a direction's bracketed list reads (the seed's qualifiers):
 * - `closed`: the list narrows the head word (its items lie below the head in the taxonomy, no 等): the park takes
 *   those sub-directions, the rest of the head counts only `closedQualifierWeight`;
 * - `open`: the list ends with 等: examples, the head keeps its reach;
 * - `additive`: no item lies below the head (机器人及智能制造（人工智能）): the list adds to the head, not a limit;
 * - `plain`: no list.
 */
export type QualifierReading = 'plain' | 'closed' | 'open' | 'additive';

const OPEN_LIST = /等\s*[)）]\s*$/;

export function qualifierReading(graph: Graph, d: MatchDirection, head: readonly number[], subs: readonly (readonly number[])[]): QualifierReading {
  if (d.subDirections.length === 0) return 'plain';
  if (OPEN_LIST.test(d.text)) return 'open';
  const below = new Set<number>();
  for (const h of head) for (const c of subtree(graph, h).keys()) if (c !== h) below.add(c);
  return subs.some((l) => l.some((x) => below.has(x))) ? 'closed' : 'additive';
}

/** Weight factor of a direction's head word: the one place where qualifiers and umbrella words limit it. */
function headFactor(reading: QualifierReading, broad: boolean, o: MatchOptions): number {
  if (reading === 'closed') return Math.min(o.closedQualifierWeight, broad ? o.broadDirectionWeight : 1);
  return broad && reading !== 'plain' ? o.broadDirectionWeight : 1;
}

/** The reading of every qualified direction of the parks (for the spec and docs/matching.md). */
export function qualifierReadings(ctx: ProfileContext, parks: readonly MatchPark[]): { park: string; direction: string; reading: QualifierReading }[] {
  const out: { park: string; direction: string; reading: QualifierReading }[] = [];
  for (const p of parks)
    for (const d of p.directions) {
      const head = directionNodes(ctx, d.name).map((x) => x.node);
      const subs = d.subDirections.map((sub) => directionNodes(ctx, sub).map((x) => x.node));
      out.push({ park: p.id, direction: d.text, reading: qualifierReading(ctx.graph, d, head, subs) });
    }
  return out;
}

export function buildProfile(ctx: ProfileContext, park: MatchPark): { profile: ParkProfile; tf: Map<string, number> } {
  const n = ctx.nodes.length;
  const coverage = new Float64Array(n);
  const coverageDirection = new Int16Array(n).fill(-1);
  const coverageRelation = new Uint8Array(n);
  const set = (node: number, value: number, dir: number, rel: number): void => {
    // strictly better value wins; on equal value the sector relation and the earlier direction win (deterministic)
    if (value > coverage[node]! + 1e-12 || (Math.abs(value - coverage[node]!) <= 1e-12 && value > 0 && rel < coverageRelation[node]!)) {
      coverage[node] = value;
      coverageDirection[node] = dir;
      coverageRelation[node] = rel;
    }
  };
  const o = ctx.options;
  const named = new Uint8Array(n);
  park.directions.forEach((d, di) => {
    const roots: { node: number; weight: number }[] = [];
    const head = directionNodes(ctx, d.name);
    const subs = d.subDirections.map((sub) => directionNodes(ctx, sub));
    const reading = qualifierReading(ctx.graph, d, head.map((h) => h.node), subs.map((l) => l.map((x) => x.node)));
    for (const r of head) {
      const factor = headFactor(reading, ctx.nodes[r.node]!.broad === true, o);
      if (factor === 1 && r.weight === 1) named[r.node] = 1;
      roots.push({ node: r.node, weight: r.weight * factor });
    }
    for (const l of subs)
      for (const r of l) {
        if (r.weight === 1) named[r.node] = 1;
        roots.push(r);
      }
    // a closed list limits the head from below too: a sub-direction does not reopen its broader nodes
    const ancestorCap = reading === 'closed' ? o.closedQualifierWeight : 1;
    for (const { node, weight } of roots) {
      const below = subtree(ctx.graph, node);
      for (const [c, dist] of below) set(c, weight * Math.pow(o.depthDecay, dist), di, REL_SECTOR);
      for (const [a, dist] of ancestors(ctx.graph, node)) set(a, Math.min(ancestorCap, weight * Math.pow(o.ancestorFactor, dist)), di, REL_SECTOR);
      for (const c of below.keys())
        for (const l of ctx.graph.links[c]!) for (const m of subtree(ctx.graph, l).keys()) set(m, weight * o.chainWeight, di, REL_CHAIN);
    }
  });

  // lexical document: directions (Chinese and English) + signed projects
  const tf = new Map<string, number>();
  const termDirection = new Map<string, number>();
  park.directions.forEach((d, di) => {
    const dirTf = termFrequencies(toTokens(ctx.segmenter.cut(normalize(`${d.text} ${d.en}`))), ctx.stopwords);
    for (const [k, v] of dirTf) {
      tf.set(k, (tf.get(k) ?? 0) + v);
      if (!termDirection.has(k)) termDirection.set(k, di);
    }
  });
  let reach = 0;
  for (let i = 0; i < n; i++) if (coverageRelation[i] === REL_SECTOR) reach += coverage[i]!;
  const history = new Float64Array(n);
  const counts = new Float64Array(n);
  for (const project of park.signedProjects ?? []) {
    const tokens = toTokens(ctx.segmenter.cut(normalize(project)));
    termFrequencies(tokens, ctx.stopwords, tf, o.signedProjectLexicalWeight);
    for (const t of tokens) if (!termDirection.has(t.key)) termDirection.set(t.key, -1);
    const ev = emptyEvidence(n);
    addEvidence(ev, ctx.dictionary.match(tokens, o.substringMatchFactor), o);
    for (const node of ev.nodes) counts[node]! += 1;
  }
  // a decline as outside the park's direction cancels a signed project of the same sector, and alone counts against it
  for (const project of park.declinedProjects ?? []) {
    const ev = emptyEvidence(n);
    addEvidence(ev, ctx.dictionary.match(toTokens(ctx.segmenter.cut(normalize(project))), o.substringMatchFactor), o);
    for (const node of ev.nodes) counts[node]! -= 1;
  }
  for (let i = 0; i < n; i++) history[i] = Math.max(-1, Math.min(1, counts[i]! / o.historySaturation));
  return {
    profile: { park, coverage, coverageDirection, coverageRelation, named, namedCount: named.reduce((x, y) => x + y, 0), reach, history, lexicalNorm: 0, termDirection },
    tf,
  };
}
