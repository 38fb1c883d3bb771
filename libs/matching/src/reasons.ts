/**
 * Step 7 — reasons: one Chinese sentence per (direction, kind) explaining what contributed to a park's score, with
 * the contribution as weight. The weights of a park's reasons add up to its score (up to rounding). The sentence
 * says the contribution as the share of 匹配度 it makes (the console shows the score as a percentage), and quotes
 * the lead's words as the user wrote them (matching works on a lowercased text).
 */
import type { MatchOptions } from './options.js';
import { REL_CHAIN, REL_NONE, type ParkProfile } from './profile.js';
import type { ParkScores } from './score.js';
import type { Evidence } from './weigh.js';
import type { MatchReason, MatchReasonKind, TaxonomyNode } from './types.js';

const round = (x: number): number => Math.round(x * 1e4) / 1e4;
/** `，计入匹配度 58%。` for a weight, from a table (string building is costly at ~40 reasons per lead). */
const SHARE_TEXT: string[] = [];
const shareText = (w: number): string => {
  const k = Math.min(100, Math.max(0, Math.round(w * 100)));
  return (SHARE_TEXT[k] ??= k === 0 ? '，计入匹配度不足 1%。' : `，计入匹配度 ${k}%。`);
};
const quote = (xs: readonly string[]): string => {
  let s = '';
  for (let i = 0; i < xs.length; i++) s += '“' + xs[i] + '”';
  return s;
};

interface Group {
  kind: MatchReasonKind;
  dir: number;
  weight: number;
  terms: string[];
  labels: string[];
  /** the first evidence node in the group and how many there are (a one-node group's sentence head is memoized) */
  node: number;
  count: number;
  /** evidence from the declared sector (申报行业), not from the description */
  declared: boolean;
}

function addUnique(into: string[], xs: readonly string[], max: number): void {
  for (const x of xs) if (into.length < max && !into.includes(x)) into.push(x);
}

/** The fixed parts of one park's sentences, per direction (built once per matcher). */
export interface DirectionPhrases {
  sector: string[];
  chain: string[];
  declared: string[];
  term: string[];
}

export function directionPhrases(profile: ParkProfile): DirectionPhrases {
  const ds = profile.park.directions.map((d) => d.text);
  return {
    sector: ds.map((d) => `，与本园区主攻方向“${d}”对口`),
    chain: ds.map((d) => `，与主攻方向“${d}”处于产业链上下游或相关领域`),
    declared: ds.map((d) => `，与本园区主攻方向“${d}”一致`),
    term: ds.map((d) => `线索与主攻方向“${d}”的文字共有词语`),
  };
}

/**
 * Per-lead memo of sentence heads of one-node groups (the same node usually explains many parks): node → head,
 * valid when stamp[node] equals the current lead's number. Owned by one matcher; call nextLead() per lead.
 */
export class ReasonMemo {
  private lead = 0;
  private readonly stamp: Int32Array;
  private readonly head: string[];
  private readonly declaredHead: string[];
  declaredSector: string | undefined;

  constructor(nodeCount: number) {
    this.stamp = new Int32Array(nodeCount);
    this.head = new Array<string>(nodeCount).fill('');
    this.declaredHead = new Array<string>(nodeCount).fill('');
  }

  nextLead(declaredSector: string | undefined): void {
    this.declaredSector = declaredSector;
    if (++this.lead === 0x7fffffff) {
      this.lead = 1;
      this.stamp.fill(0);
    }
  }

  /** `线索中的“t1”“t2”属于“label”` and `申报行业“x”对应“label”` for a one-node group (sector / chain, declared). */
  heads(node: number, g: Group): void {
    if (this.stamp[node] === this.lead) return;
    this.stamp[node] = this.lead;
    const labels = quote(g.labels);
    this.head[node] = '线索中的' + quote(g.terms) + '属于' + labels;
    this.declaredHead[node] = '申报行业“' + (this.declaredSector ?? '') + '”对应' + labels;
  }

  headOf(g: Group): string {
    if (g.count === 1) {
      this.heads(g.node, g);
      return g.declared ? this.declaredHead[g.node]! : this.head[g.node]!;
    }
    const labels = quote(g.labels);
    return g.declared ? '申报行业“' + (this.declaredSector ?? '') + '”对应' + labels : '线索中的' + quote(g.terms) + '属于' + labels;
  }
}

function addToGroup(groups: Group[], kind: MatchReasonKind, declared: boolean, dir: number, weight: number, node: number, surfaces: readonly string[], label: string, maxTerms: number): void {
  let g: Group | undefined;
  for (let k = 0; k < groups.length; k++) if (groups[k]!.kind === kind && groups[k]!.dir === dir && groups[k]!.declared === declared) g = groups[k];
  if (!g) groups.push((g = { kind, dir, weight: 0, terms: [], labels: [], node, count: 0, declared }));
  g.count++;
  g.weight += weight;
  addUnique(g.terms, surfaces, maxTerms);
  if (g.labels.length < 4 && !g.labels.includes(label)) g.labels.push(label);
}

export function explain(
  p: number,
  profile: ParkProfile,
  phrases: DirectionPhrases,
  memo: ReasonMemo,
  scores: ParkScores,
  evidence: Evidence,
  leadSurfaces: Map<string, string>,
  nodes: readonly TaxonomyNode[],
  o: MatchOptions,
  asWritten: (surface: string) => string = (s) => s,
): MatchReason[] {
  const reasons: MatchReason[] = [];
  if (scores.score[p]! <= 0) return reasons;
  const groups: Group[] = [];
  const dirs = profile.park.directions;
  if (evidence.total > 0) {
    const scale = o.conceptWeight / evidence.total;
    for (const node of evidence.nodes) {
      const cov = profile.coverage[node]!;
      if (cov <= 0 || profile.coverageRelation[node] === REL_NONE) continue;
      const w = evidence.weight[node]!;
      const dir = profile.coverageDirection[node]!;
      const declared = evidence.declared[node]!;
      const label = nodes[node]!.label;
      const surfaces = evidence.surfaces[node]!;
      const chain = profile.coverageRelation[node] === REL_CHAIN;
      if (w - declared > 1e-12) addToGroup(groups, chain ? 'chain' : 'sector', false, dir, (w - declared) * cov * scale, node, surfaces, label, o.maxReasonTerms);
      // A declared sector only up/downstream of a direction is a chain link, not "一致" with it (nor counted as inside
      // the specialization by the 产业契合度 figure, which reads the kind).
      if (declared > 1e-12) addToGroup(groups, chain ? 'chain' : 'declared-sector', true, dir, declared * cov * scale, node, surfaces, label, o.maxReasonTerms);
    }
  }
  for (const g of groups) {
    const weight = round(g.weight);
    if (weight <= 0) continue;
    const mid = g.kind === 'sector' ? phrases.sector : g.kind === 'chain' ? phrases.chain : phrases.declared;
    for (let t = 0; t < g.terms.length; t++) g.terms[t] = asWritten(g.terms[t]!);
    const text = memo.headOf(g) + mid[g.dir]! + shareText(weight);
    reasons.push({ kind: g.kind, direction: dirs[g.dir]!.text, terms: g.terms, weight, text });
  }

  if (scores.lexical[p]! > 0) {
    // per direction (index dir + 1; 0 = signed projects only), visited in ascending direction order
    const byDir: ({ terms: string[]; w: number } | undefined)[] = [];
    const query = scores.query;
    for (let x = 0; x < query.length; x++) {
      const { term: t, q, post } = query[x]!;
      const k = post.slot[p]!;
      if (k < 0) continue;
      const d = post.dirs[k]! + 1;
      let e = byDir[d];
      if (!e) byDir[d] = e = { terms: [], w: 0 };
      e.w += q * post.weights[k]!;
      const surface = asWritten(leadSurfaces.get(t) ?? t);
      if (e.terms.length < o.maxReasonTerms && !e.terms.includes(surface)) e.terms.push(surface);
    }
    const inv = scores.qNorm > 0 ? o.lexicalWeight / scores.qNorm : 0;
    for (let d = 0; d < byDir.length; d++) {
      const e = byDir[d];
      if (!e) continue;
      const weight = round(e.w * inv);
      if (weight <= 0) continue;
      const ws = shareText(weight);
      if (d === 0) {
        reasons.push({ kind: 'term', direction: '历史签约项目', terms: e.terms, weight, text: `线索与本园区已签约项目的描述共有词语${quote(e.terms)}${ws}` });
      } else {
        reasons.push({ kind: 'term', direction: dirs[d - 1]!.text, terms: e.terms, weight, text: phrases.term[d - 1]! + quote(e.terms) + ws });
      }
    }
  }

  if (scores.history[p]! > 0 && evidence.total > 0) {
    const labels: string[] = [];
    let w = 0;
    for (const node of evidence.nodes) {
      const h = profile.history[node]!;
      if (h <= 0) continue;
      w += evidence.weight[node]! * h;
      const label = nodes[node]!.label;
      if (labels.length < 4 && !labels.includes(label)) labels.push(label);
    }
    const weight = round((w / evidence.total) * o.historyWeight);
    if (weight > 0)
      reasons.push({ kind: 'history', direction: '历史签约项目', terms: labels, weight, text: `本园区此前签约过${quote(labels)}类项目，按落地经验${shareText(weight)}` });
  }
  if (scores.history[p]! < 0 && evidence.total > 0) {
    const labels: string[] = [];
    let w = 0;
    for (const node of evidence.nodes) {
      const h = profile.history[node]!;
      if (h >= 0) continue;
      w += evidence.weight[node]! * h;
      const label = nodes[node]!.label;
      if (labels.length < 4 && !labels.includes(label)) labels.push(label);
    }
    const weight = round((w / evidence.total) * o.historyWeight);
    if (weight < 0)
      reasons.push({ kind: 'history', direction: '历史退回线索', terms: labels, weight, text: `本园区此前以“不符合园区主攻方向”退回过${quote(labels)}类线索，匹配度扣减 ${Math.max(1, Math.round(-weight * 100))}%。` });
  }

  if (reasons.length > 1)
    reasons.sort((a, b) => b.weight - a.weight || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || (a.direction < b.direction ? -1 : a.direction > b.direction ? 1 : 0));
  return reasons;
}
