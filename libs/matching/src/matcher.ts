/**
 * createMatcher: wires the pipeline normalize → segment → terms → weigh → score → rank → reasons over a fixed set of
 * park profiles and one taxonomy. Pure: the callers pass parsed catalog and taxonomy data in.
 */
import { TermDictionary, taxonomyTerms } from './dictionary.js';
import { fnv64 } from './hash.js';
import { normalize } from './normalize.js';
import { resolveOptions, type MatchOptions } from './options.js';
import { buildGraph, buildProfile, type ParkProfile, type ProfileContext } from './profile.js';
import { isNoFit, order } from './rank.js';
import { explain } from './reasons.js';
import { buildLexicalIndex, buildNodeMatrix, scoreParks } from './score.js';
import { createSegmenter } from './segment.js';
import { stem, toTokens, isCjk } from './terms.js';
import { addEvidence, emptyEvidence, termFrequencies } from './weigh.js';
import type { Matcher, MatchLead, MatchPark, ParkMatch, Ranking, Taxonomy } from './types.js';

/** Bump when the algorithm changes in a way that changes rankings. */
export const ENGINE_REVISION = 'pm-match-1';

export function createMatcher(parks: MatchPark[], taxonomy: Taxonomy, options: Partial<MatchOptions> = {}): Matcher {
  const o = resolveOptions(options);
  const nodes = taxonomy.nodes;
  if (parks.length === 0) throw new Error('createMatcher: no parks');
  const ids = new Set<string>();
  for (const p of parks) {
    if (ids.has(p.id)) throw new Error(`createMatcher: duplicate park id ${p.id}`);
    ids.add(p.id);
  }

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
  const ctx: ProfileContext = { nodes, graph: buildGraph(nodes), covers, dictionary, segmenter, stopwords, options: o };
  const built = parks.map((p) => buildProfile(ctx, p));
  const profiles: ParkProfile[] = built.map((b) => b.profile);
  const index = buildLexicalIndex(profiles, built.map((b) => b.tf));
  const matrix = buildNodeMatrix(profiles, nodes.length);

  const canonicalParks = [...parks]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((p) => ({ id: p.id, name: p.name, board: p.board, directions: p.directions, signedProjects: p.signedProjects ?? [] }));
  const version = `${ENGINE_REVISION}+${fnv64(JSON.stringify({ taxonomy, options: o, parks: canonicalParks })).slice(0, 12)}`;

  function rank(lead: MatchLead): Ranking {
    const tokens = toTokens(segmenter.cut(normalize(lead.text ?? '')));
    const evidence = emptyEvidence();
    addEvidence(evidence, dictionary.match(tokens, o.substringMatchFactor), o);
    const leadTf = termFrequencies(tokens, stopwords);
    const surfaces = new Map<string, string>();
    for (const t of tokens) if (t.latin && !surfaces.has(t.key)) surfaces.set(t.key, t.surface);
    const sector = lead.sector?.trim() ? lead.sector.trim() : undefined;
    if (sector) {
      const st = toTokens(segmenter.cut(normalize(sector)));
      addEvidence(evidence, dictionary.match(st, o.substringMatchFactor), o, o.declaredSectorWeight, true);
      termFrequencies(st, stopwords, leadTf);
      for (const t of st) if (t.latin && !surfaces.has(t.key)) surfaces.set(t.key, t.surface);
    }

    const scores = scoreParks(profiles, matrix, index, evidence, leadTf, o);
    const sorted = order(profiles, scores);
    const noFit = isNoFit(scores, evidence.total, o);

    const sectors = [...evidence.weights]
      .map(([node, w]) => {
        const covered = matrix.best[node]!;
        return { id: nodes[node]!.id, label: nodes[node]!.label, share: Math.round((w / evidence.total) * 1e4) / 1e4, covered: covered >= 1 - 1e-9 };
      })
      .sort((a, b) => b.share - a.share || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

    const ranking: ParkMatch[] = sorted.map((p, i) => {
      const prof = profiles[p]!;
      return {
        parkId: prof.park.id,
        park: prof.park.name,
        board: prof.park.board,
        score: scores.score[p]!,
        rank: i + 1,
        coverage: Math.round(scores.concept[p]! * 1e4) / 1e4,
        reasons: explain(p, prof, scores, evidence, surfaces, nodes, sector, o),
      };
    });
    return { noFit, primarySector: sectors[0]?.label ?? null, sectors, ranking, engineVersion: version };
  }

  return { version, rank };
}
