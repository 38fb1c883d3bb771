/**
 * Step 7 — reasons: one Chinese sentence per (direction, kind) explaining what contributed to a park's score, with
 * the contribution as weight. The weights of a park's reasons add up to its score (up to rounding).
 */
import type { MatchOptions } from './options.js';
import { REL_CHAIN, REL_NONE, type ParkProfile } from './profile.js';
import type { ParkScores } from './score.js';
import type { Evidence } from './weigh.js';
import type { MatchReason, MatchReasonKind, TaxonomyNode } from './types.js';

const round = (x: number): number => Math.round(x * 1e4) / 1e4;
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
}

function addUnique(into: string[], xs: readonly string[], max: number): void {
  for (const x of xs) if (into.length < max && !into.includes(x)) into.push(x);
}

export function explain(
  p: number,
  profile: ParkProfile,
  scores: ParkScores,
  evidence: Evidence,
  leadSurfaces: Map<string, string>,
  nodes: readonly TaxonomyNode[],
  declaredSector: string | undefined,
  o: MatchOptions,
): MatchReason[] {
  const reasons: MatchReason[] = [];
  if (scores.score[p]! <= 0) return reasons;
  const groups: Group[] = [];
  const dirs = profile.park.directions;
  if (evidence.total > 0) {
    const scale = o.conceptWeight / evidence.total;
    for (const [node, w] of evidence.weights) {
      const cov = profile.coverage[node]!;
      if (cov <= 0 || profile.coverageRelation[node] === REL_NONE) continue;
      const dir = profile.coverageDirection[node]!;
      const declared = evidence.declared.get(node) ?? 0;
      const parts: [MatchReasonKind, number][] = [];
      const base: MatchReasonKind = profile.coverageRelation[node] === REL_CHAIN ? 'chain' : 'sector';
      if (w - declared > 1e-12) parts.push([base, (w - declared) * cov * scale]);
      if (declared > 1e-12) parts.push(['declared-sector', declared * cov * scale]);
      for (const [kind, weight] of parts) {
        let g: Group | undefined;
        for (let k = 0; k < groups.length; k++) if (groups[k]!.kind === kind && groups[k]!.dir === dir) g = groups[k];
        if (!g) groups.push((g = { kind, dir, weight: 0, terms: [], labels: [] }));
        g.weight += weight;
        addUnique(g.terms, evidence.surfaces.get(node) ?? [], o.maxReasonTerms);
        addUnique(g.labels, [nodes[node]!.label], 4);
      }
    }
  }
  for (const g of groups) {
    const direction = dirs[g.dir]!.text;
    const weight = round(g.weight);
    if (weight <= 0) continue;
    const labels = quote(g.labels);
    let text: string;
    if (g.kind === 'sector') text = `线索中的${quote(g.terms)}属于${labels}，与本园区主攻方向“${direction}”对口，贡献${weight}分。`;
    else if (g.kind === 'chain') text = `线索中的${quote(g.terms)}属于${labels}，与主攻方向“${direction}”处于产业链上下游或相关领域，贡献${weight}分。`;
    else text = `申报行业“${declaredSector ?? ''}”对应${labels}，与本园区主攻方向“${direction}”一致，贡献${weight}分。`;
    reasons.push({ kind: g.kind, direction, terms: g.terms, weight, text });
  }

  if (scores.lexical[p]! > 0) {
    const byDir = new Map<number, { terms: string[]; w: number }>();
    for (const { term: t, q, post } of scores.query) {
      const k = post.parks.indexOf(p);
      if (k < 0) continue;
      const dir = profile.termDirection.get(t) ?? -1;
      let e = byDir.get(dir);
      if (!e) byDir.set(dir, (e = { terms: [], w: 0 }));
      e.w += q * post.weights[k]!;
      addUnique(e.terms, [leadSurfaces.get(t) ?? t], o.maxReasonTerms);
    }
    const inv = scores.qNorm > 0 ? o.lexicalWeight / scores.qNorm : 0;
    for (const [dir, e] of [...byDir].sort((a, b) => a[0] - b[0])) {
      const weight = round(e.w * inv);
      if (weight <= 0) continue;
      if (dir < 0) {
        reasons.push({ kind: 'term', direction: '历史签约项目', terms: e.terms, weight, text: `线索与本园区已签约项目的描述共有词语${quote(e.terms)}，贡献${weight}分。` });
      } else {
        const direction = dirs[dir]!.text;
        reasons.push({ kind: 'term', direction, terms: e.terms, weight, text: `线索与主攻方向“${direction}”的文字共有词语${quote(e.terms)}，贡献${weight}分。` });
      }
    }
  }

  if (scores.history[p]! > 0 && evidence.total > 0) {
    const labels: string[] = [];
    let w = 0;
    for (const [node, ew] of evidence.weights) {
      const h = profile.history[node]!;
      if (h <= 0) continue;
      w += ew * h;
      addUnique(labels, [nodes[node]!.label], 4);
    }
    const weight = round((w / evidence.total) * o.historyWeight);
    if (weight > 0)
      reasons.push({ kind: 'history', direction: '历史签约项目', terms: labels, weight, text: `本园区此前签约过${quote(labels)}类项目，按落地经验加${weight}分。` });
  }

  if (reasons.length > 1)
    reasons.sort((a, b) => b.weight - a.weight || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || (a.direction < b.direction ? -1 : a.direction > b.direction ? 1 : 0));
  return reasons;
}
