/**
 * createMatcher: wires the pipeline normalize → segment → terms → weigh → score → rank → reasons over a fixed set of
 * park profiles and one taxonomy. Pure: the callers pass parsed catalog and taxonomy data in.
 */
import { TermDictionary, taxonomyTerms } from './dictionary.js';
import { fnv64 } from './hash.js';
import { normalize } from './normalize.js';
import { resolveOptions, type MatchOptions } from './options.js';
import { buildGraph, buildProfile, qualifierReadings, REL_CHAIN, type ParkProfile, type ProfileContext, type QualifierReading } from './profile.js';
import { isNoFit, tieBreak } from './rank.js';
import { directionPhrases, explain, ReasonMemo } from './reasons.js';
import { bestOfCandidates, buildCandidateIndex, Candidates, orderCandidates, scoreCandidates } from './candidates.js';
import { buildLexicalIndex, buildNodeMatrix, emptyScores } from './score.js';
import { createSegmenter } from './segment.js';
import { stem, toTokens, isCjk, type Token } from './terms.js';
import { addEvidence, emptyEvidence, resetEvidence, termFrequencies } from './weigh.js';
import type { Matcher, MatchLead, MatchPark, ParkMatch, Ranking, Taxonomy } from './types.js';

/** Bump when the algorithm changes in a way that changes rankings. */
export const ENGINE_REVISION = 'pm-match-4';

export function createMatcher(parks: MatchPark[], taxonomy: Taxonomy, options: Partial<MatchOptions> = {}): Matcher {
  const o = resolveOptions(options);
  const nodes = taxonomy.nodes;
  if (parks.length === 0) throw new Error('createMatcher: no parks');
  const ids = new Set<string>();
  for (const p of parks) {
    if (ids.has(p.id)) throw new Error(`createMatcher: duplicate park id ${p.id}`);
    ids.add(p.id);
  }

  const ctx = buildContext(parks, taxonomy, o);
  const { segmenter, stopwords, dictionary } = ctx;
  const built = parks.map((p) => buildProfile(ctx, p));
  const profiles: ParkProfile[] = built.map((b) => b.profile);
  const index = buildLexicalIndex(profiles, built.map((b) => b.tf));
  const matrix = buildNodeMatrix(profiles, nodes.length);
  const candidateIndex = buildCandidateIndex(profiles, nodes.length);

  const canonicalParks = [...parks]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((p) => ({ id: p.id, name: p.name, board: p.board, directions: p.directions, signedProjects: p.signedProjects ?? [], ...(p.declinedProjects?.length ? { declinedProjects: p.declinedProjects } : {}) }));
  const version = `${ENGINE_REVISION}+${fnv64(JSON.stringify({ taxonomy, options: o, parks: canonicalParks })).slice(0, 12)}`;

  // per-lead scratch, reused (rank is synchronous; nothing returned to the caller points into it)
  const evidence = emptyEvidence(nodes.length);
  const scores = emptyScores(profiles.length);
  const candidates = new Candidates(profiles.length);
  const leadTf = new Map<string, number>();
  const surfaces = new Map<string, string>();
  const tokens: Token[] = [];
  const phrases = profiles.map(directionPhrases);
  const memo = new ReasonMemo(nodes.length);

  // The lead's words as the user wrote them ("SiC", "MOSFET"): matching sees a lowercased text. Found lazily, only for
  // Latin words that reach a reason, in the NFKC text (same length as its lowercase for the letters that matter).
  const written = new Map<string, string>();
  let leadText = '';
  let original: string | undefined;
  let lower = '';
  function asWritten(surface: string): string {
    if (!/[a-z]/.test(surface)) return surface;
    let w = written.get(surface);
    if (w === undefined) {
      if (original === undefined) {
        original = leadText.normalize('NFKC');
        lower = original.toLowerCase();
      }
      const i = lower.length === original.length ? lower.indexOf(surface) : -1;
      w = i >= 0 ? original.slice(i, i + surface.length) : surface;
      written.set(surface, w);
    }
    return w;
  }

  function addLatinSurfaces(ts: readonly Token[]): void {
    for (let i = 0; i < ts.length; i++) {
      const t = ts[i]!;
      if (t.latin && !surfaces.has(t.key)) surfaces.set(t.key, t.surface);
    }
  }

  function rank(lead: MatchLead): Ranking {
    resetEvidence(evidence);
    leadTf.clear();
    surfaces.clear();
    written.clear();
    leadText = `${lead.text ?? ''}\n${lead.sector ?? ''}`;
    original = undefined;
    toTokens(segmenter.cut(normalize(lead.text ?? '')), tokens);
    addEvidence(evidence, dictionary.match(tokens, o.substringMatchFactor), o);
    termFrequencies(tokens, stopwords, leadTf);
    addLatinSurfaces(tokens);
    const sector = lead.sector?.trim() ? lead.sector.trim() : undefined;
    memo.nextLead(sector);
    if (sector) {
      toTokens(segmenter.cut(normalize(sector)), tokens);
      addEvidence(evidence, dictionary.match(tokens, o.substringMatchFactor), o, o.declaredSectorWeight, true);
      termFrequencies(tokens, stopwords, leadTf);
      addLatinSurfaces(tokens);
    }

    scoreCandidates(candidateIndex, index, evidence, leadTf, o, candidates, scores);
    const sorted = orderCandidates(profiles, scores, candidateIndex, candidates, evidence);
    const noFit = isNoFit(scores, evidence, matrix, o, bestOfCandidates(scores, candidates));
    const topDecidedBy = sorted.length > 1 ? tieBreak(profiles, scores, sorted[0]!, sorted[1]!, evidence).by : 'score';

    const sectors: Ranking['sectors'] = [];
    for (const node of evidence.nodes) {
      const n = nodes[node]!;
      sectors.push({ id: n.id, label: n.label, share: Math.round((evidence.weight[node]! / evidence.total) * 1e4) / 1e4, covered: matrix.best[node]! >= 1 - 1e-9 });
    }
    if (sectors.length > 1) sectors.sort((a, b) => b.share - a.share || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

    const ranking: ParkMatch[] = [];
    for (let i = 0; i < sorted.length; i++) {
      const p = sorted[i]!;
      const prof = profiles[p]!;
      ranking.push({
        parkId: prof.park.id,
        park: prof.park.name,
        board: prof.park.board,
        score: scores.score[p]!,
        rank: i + 1,
        coverage: Math.round(scores.concept[p]! * 1e4) / 1e4,
        reasons: explain(p, prof, phrases[p]!, memo, scores, evidence, surfaces, nodes, o, asWritten),
      });
    }
    return { noFit, primarySector: sectors[0]?.label ?? null, sectors, ranking, topDecidedBy, engineVersion: version };
  }

  return { version, rank };
}

function buildContext(parks: readonly MatchPark[], taxonomy: Taxonomy, o: MatchOptions): ProfileContext {
  const nodes = taxonomy.nodes;
  const words = taxonomyTerms(nodes)
    .map((t) => normalize(t.text).trim())
    .filter((w) => isCjk(w));
  for (const p of parks) for (const d of p.directions) words.push(normalize(d.name).trim(), ...d.subDirections.map((s) => normalize(s).trim()));
  const segmenter = createSegmenter(words.filter(isCjk), o.dictFrequency);
  const dictionary = new TermDictionary(nodes, segmenter, o.kindWeights);

  const stopwords = new Set<string>([...taxonomy.stopwords.zh.map((w) => normalize(w).trim()), ...taxonomy.stopwords.en.map((w) => stem(normalize(w).trim()))]);
  const covers = new Map<string, number[]>();
  nodes.forEach((n, i) => {
    for (const c of n.covers ?? []) {
      const l = covers.get(c) ?? [];
      l.push(i);
      covers.set(c, l);
    }
  });
  return { nodes, graph: buildGraph(nodes), covers, dictionary, segmenter, stopwords, options: o };
}

/** How each park direction's bracketed list is read (closed / open / additive / plain): see profile.ts. */
export function describeQualifiers(parks: MatchPark[], taxonomy: Taxonomy, options: Partial<MatchOptions> = {}): { park: string; direction: string; reading: QualifierReading }[] {
  return qualifierReadings(buildContext(parks, taxonomy, resolveOptions(options)), parks);
}

export interface NodeCoverage {
  node: string;
  park: string;
  /** the park direction (seed text) that gives the coverage */
  direction: string;
  /** `sector`: the node is the direction's sector (or below / above it); `chain`: up/downstream or related to it */
  relation: 'sector' | 'chain';
  /** in (0, 1], as the engine scores it (closed qualifiers and umbrella words count partly) */
  coverage: number;
}

/** Which taxonomy nodes each park's profile covers, and how (the 产业招商图谱); only non-zero coverage. */
export function describeCoverage(parks: MatchPark[], taxonomy: Taxonomy, options: Partial<MatchOptions> = {}): NodeCoverage[] {
  const ctx = buildContext(parks, taxonomy, resolveOptions(options));
  const out: NodeCoverage[] = [];
  for (const p of parks) {
    const prof = buildProfile(ctx, { ...p, signedProjects: [], declinedProjects: [] }).profile;
    for (let n = 0; n < taxonomy.nodes.length; n++) {
      const c = prof.coverage[n]!;
      if (c <= 0) continue;
      out.push({ node: taxonomy.nodes[n]!.id, park: p.id, direction: p.directions[prof.coverageDirection[n]!]!.text, relation: prof.coverageRelation[n] === REL_CHAIN ? 'chain' : 'sector', coverage: Math.round(c * 1e4) / 1e4 });
    }
  }
  return out;
}
