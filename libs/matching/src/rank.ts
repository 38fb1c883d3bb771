/**
 * Step 6 — rank: order parks and decide the no-fit verdict.
 * Tie rule (never list position): score desc → concept desc → lexical desc → park id ascending (code-point order).
 */
import type { MatchOptions } from './options.js';
import type { ParkProfile } from './profile.js';
import type { ParkScores } from './score.js';

const EPS = 1e-9;

export function order(profiles: readonly ParkProfile[], s: ParkScores): number[] {
  const idx = profiles.map((_, i) => i);
  idx.sort((a, b) => {
    const d = s.score[b]! - s.score[a]!;
    if (Math.abs(d) > EPS) return d;
    const c = s.concept[b]! - s.concept[a]!;
    if (Math.abs(c) > EPS) return c;
    const l = s.lexical[b]! - s.lexical[a]!;
    if (Math.abs(l) > EPS) return l;
    const ia = profiles[a]!.park.id;
    const ib = profiles[b]!.park.id;
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  });
  return idx;
}

export function isNoFit(s: ParkScores, evidenceTotal: number, o: MatchOptions): boolean {
  let bestConcept = 0;
  let bestLexical = 0;
  for (let p = 0; p < s.concept.length; p++) {
    bestConcept = Math.max(bestConcept, s.concept[p]!);
    bestLexical = Math.max(bestLexical, s.lexical[p]!);
  }
  if (evidenceTotal <= 0) return bestLexical < o.noFitLexicalFloor;
  return bestConcept < o.noFitThreshold - EPS;
}
