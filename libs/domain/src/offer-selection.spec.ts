import fc from 'fast-check';
import { selectOfferParks, type ScoredPark } from './offer-selection.js';

const policy = { sameBoardMargin: 0.08, minScore: 0.3, maxOffers: 3 };
const r = (parkId: string, board: string, score: number, rank: number): ScoredPark => ({ parkId, board, score, rank });

describe('selectOfferParks', () => {
  const ranking = [r('a1', 'A', 0.9, 1), r('b1', 'B', 0.85, 2), r('c1', 'C', 0.6, 3), r('d1', 'D', 0.5, 4), r('e1', 'E', 0.2, 5)];

  it('keeps the lead in the origin board when its park is within the margin of the best', () => {
    expect(selectOfferParks(ranking, 'B', false, policy)).toEqual({ kind: 'same-board', parks: [ranking[1]] });
  });

  it('offers to the best parks of other boards when the origin board is far behind', () => {
    const sel = selectOfferParks(ranking, 'E', false, policy);
    expect(sel).toEqual({ kind: 'cross-board', parks: [ranking[0], ranking[1], ranking[2]] });
  });

  it('sends no-fit leads and leads below the threshold to review instead of pushing them', () => {
    expect(selectOfferParks(ranking, 'A', true, policy)).toEqual({ kind: 'review', why: 'no-fit' });
    expect(selectOfferParks([r('x', 'X', 0.1, 1)], 'A', false, policy)).toEqual({ kind: 'review', why: 'below-threshold' });
  });

  it('never offers more than K parks, never below the threshold, never twice the same park', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ board: fc.constantFrom('A', 'B', 'C', 'D'), score: fc.double({ min: 0, max: 1, noNaN: true }) }), { minLength: 1, maxLength: 20 }),
        fc.constantFrom('A', 'B', 'C', 'D'),
        (rows, origin) => {
          const ranked = rows
            .map((x, i) => ({ parkId: 'p' + i, board: x.board, score: x.score, rank: 0 }))
            .sort((a, b) => b.score - a.score || a.parkId.localeCompare(b.parkId))
            .map((x, i) => ({ ...x, rank: i + 1 }));
          const sel = selectOfferParks(ranked, origin, false, policy);
          if (sel.kind === 'review') return ranked[0]!.score < policy.minScore;
          const ids = sel.parks.map((p) => p.parkId);
          return sel.parks.length <= policy.maxOffers && sel.parks.every((p) => p.score >= policy.minScore) && new Set(ids).size === ids.length;
        },
      ),
    );
  });
});
