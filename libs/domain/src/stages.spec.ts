import { canMoveStage, nextStages, STAGES } from './stages.js';

describe('lead stages', () => {
  it('moves forward one step at a time', () => {
    expect(canMoveStage('洽谈', '签约')).toBe(true);
    expect(canMoveStage('洽谈', '投产')).toBe(false);
    expect(canMoveStage('签约', '洽谈')).toBe(false);
  });
  it('can pause and resume, and 投产 / 终止 are final', () => {
    expect(canMoveStage('开工', '暂停')).toBe(true);
    expect(canMoveStage('暂停', '开工')).toBe(true);
    expect(nextStages('投产')).toEqual([]);
    expect(nextStages('终止')).toEqual([]);
  });
  it('never moves a stage to itself', () => {
    for (const s of STAGES) expect(canMoveStage(s, s)).toBe(false);
  });
});
