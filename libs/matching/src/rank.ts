/**
 * Step 6 — rank: the order of parks (the tie rule; candidates.ts applies it) and the no-fit verdict.
 * Tie rule (never list position): score desc → concept desc → lexical desc → named desc (a direction or sub-direction
 * names the lead's sector, rather than an umbrella covering it) → fewer named sectors (more focused) → history desc →
 * principal desc (share of the lead's evidence the park covers through the first direction it lists: the seed lists a
 * park's main direction first) → narrower reach (its directions cover less of the taxonomy: the lead is more of what
 * the park does) → park id ascending (code-point order).
 */
import type { MatchOptions } from './options.js';
import type { ParkProfile } from './profile.js';
import type { NodeMatrix, ParkScores } from './score.js';
import type { Evidence } from './weigh.js';

const EPS = 1e-9;

export type DecidedBy = 'score' | 'concept' | 'lexical' | 'named' | 'focus' | 'history' | 'principal' | 'reach' | 'park-id';

/** Whether park a goes before park b (`ev`: the lead's evidence, for the principal-direction rule; none for all-zero parks). */
export function before(profiles: readonly ParkProfile[], s: ParkScores, a: number, b: number, ev?: Evidence): boolean {
  // scores are rounded to 4 decimals: two different ones differ by far more than EPS
  const sa = s.score[a]!;
  const sb = s.score[b]!;
  if (sa !== sb) return sa > sb;
  return tieBreak(profiles, s, a, b, ev).first === a;
}

/** Which of two equally scored parks goes first, and on what. */
export function tieBreak(profiles: readonly ParkProfile[], s: ParkScores, a: number, b: number, ev?: Evidence): { first: number; by: DecidedBy } {
  if (s.score[a] !== s.score[b]) return { first: s.score[a]! > s.score[b]! ? a : b, by: 'score' };
  const higher = (x: Float64Array, by: DecidedBy): { first: number; by: DecidedBy } | null => {
    const d = x[a]! - x[b]!;
    return Math.abs(d) > EPS ? { first: d > 0 ? a : b, by } : null;
  };
  const r = higher(s.concept, 'concept') ?? higher(s.lexical, 'lexical') ?? higher(s.named, 'named');
  if (r) return r;
  const da = profiles[a]!.namedCount;
  const db = profiles[b]!.namedCount;
  if (da !== db) return { first: da < db ? a : b, by: 'focus' };
  const h = higher(s.history, 'history');
  if (h) return h;
  const pa = principal(profiles[a]!, ev);
  const pb = principal(profiles[b]!, ev);
  if (Math.abs(pa - pb) > EPS) return { first: pa > pb ? a : b, by: 'principal' };
  // parks that score for the lead (never the all-zero tail, whose order is fixed by id): the one whose directions
  // reach less of the taxonomy is the more focused
  if (s.score[a]! > 0) {
    const ra = profiles[a]!.reach;
    const rb = profiles[b]!.reach;
    if (Math.abs(ra - rb) > 1e-6) return { first: ra < rb ? a : b, by: 'reach' };
  }
  return { first: profiles[a]!.park.id < profiles[b]!.park.id ? a : b, by: 'park-id' };
}

/** Share of the lead's evidence the park covers through its first-listed (main) direction; only reached on full ties. */
function principal(p: ParkProfile, ev: Evidence | undefined): number {
  if (!ev || ev.total <= 0) return 0;
  let w = 0;
  for (const node of ev.nodes) if (p.coverageDirection[node] === 0) w += ev.weight[node]! * p.coverage[node]!;
  return w / ev.total;
}

/** `best`: the best concept and lexical scores when the caller knows them (candidates.ts), else taken from `s`. */
export function isNoFit(s: ParkScores, evidence: Evidence, matrix: NodeMatrix, o: MatchOptions, best?: { concept: number; lexical: number }): boolean {
  let bestConcept = best?.concept ?? 0;
  let bestLexical = best?.lexical ?? 0;
  if (!best)
    for (let p = 0; p < s.concept.length; p++) {
      bestConcept = Math.max(bestConcept, s.concept[p]!);
      bestLexical = Math.max(bestLexical, s.lexical[p]!);
    }
  if (evidence.total <= 0) return bestLexical < o.noFitLexicalFloor;
  if (bestConcept >= o.noFitThreshold - EPS) return false;
  // A lead with several strong sectors, each covered well by some park but no park covering half of it, fits the
  // parks covering one of them: when the parks together cover most of the lead and one sector is a major part of it.
  let covered = 0;
  let major = false;
  for (const node of evidence.nodes) {
    if (matrix.best[node]! < o.majorSectorCoverage - EPS) continue;
    covered += evidence.weight[node]!;
    if (evidence.weight[node]! >= o.majorSectorShare * evidence.total - EPS) major = true;
  }
  return !(major && covered >= o.noFitThreshold * evidence.total - EPS);
}
