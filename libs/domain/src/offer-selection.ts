/** A scored park, as the matcher ranks it. */
export interface ScoredPark {
  parkId: string;
  board: string;
  score: number;
  rank: number;
}

export interface OfferSelectionPolicy {
  sameBoardMargin: number;
  minScore: number;
  maxOffers: number;
}

export type OfferSelection =
  | { kind: 'review'; why: 'no-fit' | 'below-threshold' }
  | { kind: 'same-board' | 'cross-board'; parks: ScoredPark[] };

/**
 * Which parks get an offer. The origin board keeps the lead when one of its parks is within the
 * margin of the best; otherwise the best parks of other boards above the threshold get it.
 * `ranking` is best first.
 */
export function selectOfferParks(ranking: ScoredPark[], originBoard: string, noFit: boolean, p: OfferSelectionPolicy): OfferSelection {
  if (noFit) return { kind: 'review', why: 'no-fit' };
  const best = ranking[0];
  if (!best || best.score < p.minScore) return { kind: 'review', why: 'below-threshold' };
  const home = ranking.filter((r) => r.board === originBoard && r.score >= p.minScore && r.score >= best.score - p.sameBoardMargin);
  if (home.length) return { kind: 'same-board', parks: home.slice(0, p.maxOffers) };
  const others = ranking.filter((r) => r.board !== originBoard && r.score >= p.minScore);
  return { kind: 'cross-board', parks: others.slice(0, p.maxOffers) };
}

/** A project another board's lead already brought to a park, that a new lead matches by credit code or company name. */
export interface TakenMatch {
  duplicateId: string;
  leadId: string;
  code: string;
  originBoard: string;
  stage: string | null;
  parkId: string | null;
  parkName: string | null;
}

/**
 * 疑似撞车 (issue 16): a lead that names the same company as a project of another board that a park has
 * taken (accepted, still going: not 终止) is held for the manager instead of offered. The earlier report
 * (the one returned) keeps 首报 until the manager settles the pair. Held, not merely warned: a warning
 * would still let a second park accept and a second benefit-sharing record credit the later board.
 */
export function duplicateHold(originBoard: string, matches: readonly TakenMatch[]): TakenMatch | null {
  return matches.find((m) => m.originBoard !== originBoard && m.stage !== '终止') ?? null;
}
