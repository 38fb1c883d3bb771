/**
 * Step 6 — rank: order parks and decide the no-fit verdict.
 * Tie rule (never list position): score desc → concept desc → lexical desc → park id ascending (code-point order).
 */
import type { MatchOptions } from './options.js';
import type { ParkProfile } from './profile.js';
import type { ParkScores } from './score.js';

const EPS = 1e-9;

export function order(profiles: readonly ParkProfile[], s: ParkScores): number[] {
  // insertion sort (20 parks) with a comparator that is a strict total order: the same result as any sort
  const idx: number[] = [];
  for (let i = 0; i < profiles.length; i++) {
    let j = i;
    while (j > 0 && before(profiles, s, i, idx[j - 1]!)) {
      idx[j] = idx[j - 1]!;
      j--;
    }
    idx[j] = i;
  }
  return idx;
}

/** Whether park a goes before park b. */
function before(profiles: readonly ParkProfile[], s: ParkScores, a: number, b: number): boolean {
  // scores are rounded to 4 decimals: two different ones differ by far more than EPS
  const sa = s.score[a]!;
  const sb = s.score[b]!;
  if (sa !== sb) return sa > sb;
  const c = s.concept[b]! - s.concept[a]!;
  if (Math.abs(c) > EPS) return c < 0;
  const l = s.lexical[b]! - s.lexical[a]!;
  if (Math.abs(l) > EPS) return l < 0;
  return profiles[a]!.park.id < profiles[b]!.park.id;
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
