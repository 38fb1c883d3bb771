import { learnFromOutcomes, type Outcome } from './learning.js';
import type { MatchPark } from './types.js';

const parks: MatchPark[] = [
  { id: 'a', name: 'A', board: 'x', directions: [] },
  { id: 'b', name: 'B', board: 'x', directions: [] },
];
const o = (park: string, lesson: Outcome['lesson'], text: string, at: string): Outcome => ({ park, lesson, text, at });

describe('learnFromOutcomes: outcomes → the parks\' signed and declined projects', () => {
  it('keeps the newest of each kind per park, newest first', () => {
    const got = learnFromOutcomes(parks, [o('a', 'taken', 'old', '2025-01-01'), o('a', 'taken', 'new', '2025-03-01'), o('a', 'taken', 'mid', '2025-02-01'), o('a', 'declined', 'no', '2025-01-05')], { perPark: 2 });
    expect(got[0]!.signedProjects).toEqual(['new', 'mid']);
    expect(got[0]!.declinedProjects).toEqual(['no']);
    expect(got[1]).toEqual(parks[1]);
  });

  it('with `before`, an outcome on the split day (date or timestamp) or later is left out', () => {
    const got = learnFromOutcomes(parks, [o('b', 'taken', 'before', '2025-05-31T23:59:59.000Z'), o('b', 'taken', 'on', '2025-06-01'), o('b', 'taken', 'at', '2025-06-01T00:00:00.000Z')], { before: '2025-06-01' });
    expect(got[1]!.signedProjects).toEqual(['before']);
  });
});
