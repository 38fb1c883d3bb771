import type { MatchPark } from './types.js';

/** Newest outcomes of each kind per park the matcher learns from (keeps a build cheap as history grows). */
export const OUTCOMES_PER_PARK = 200;

export interface Outcome {
  park: string;
  lesson: 'taken' | 'declined';
  /** The lead text the matcher was shown (de-identified). */
  text: string;
  /** When the park decided, ISO-8601 (a date or a UTC timestamp); '' when unknown (oldest). */
  at: string;
}

/**
 * The park profiles enriched with what the parks did (the one place the platform and `npm run eval`'s replay turn
 * outcomes into the matcher's input): per park the newest `perPark` taken projects become `signedProjects` and the
 * newest declined ones `declinedProjects`. With `before`, only outcomes decided strictly before it count (a
 * timestamp on the split day is not before it), so a replay cannot learn from its own test period.
 */
export function learnFromOutcomes(parks: readonly MatchPark[], outcomes: readonly Outcome[], o: { before?: string; perPark?: number } = {}): MatchPark[] {
  const perPark = o.perPark ?? OUTCOMES_PER_PARK;
  const kept = outcomes
    .map((x, i) => ({ x, i }))
    .filter(({ x }) => o.before === undefined || x.at < o.before)
    .sort((a, b) => (a.x.at === b.x.at ? a.i - b.i : a.x.at < b.x.at ? 1 : -1));
  const taken = new Map<string, string[]>();
  const declined = new Map<string, string[]>();
  for (const { x } of kept) {
    const into = x.lesson === 'taken' ? taken : declined;
    let list = into.get(x.park);
    if (!list) into.set(x.park, (list = []));
    if (list.length < perPark) list.push(x.text);
  }
  return parks.map((p) => ({
    ...p,
    ...(taken.get(p.id)?.length ? { signedProjects: taken.get(p.id)! } : {}),
    ...(declined.get(p.id)?.length ? { declinedProjects: declined.get(p.id)! } : {}),
  }));
}
