import { canMoveStage, isSignedStage, nextStages, STAGES, type Stage } from './stages.js';

describe('lead stages', () => {
  it('moves forward one step at a time', () => {
    expect(canMoveStage('洽谈', '签约')).toBe(true);
    expect(canMoveStage('洽谈', '投产')).toBe(false);
    expect(canMoveStage('签约', '洽谈')).toBe(false);
  });
  it('can pause and resume to the stage it paused from only, and 投产 / 终止 are final', () => {
    expect(canMoveStage('开工', '暂停')).toBe(true);
    expect(canMoveStage('暂停', '开工', '开工')).toBe(true);
    // 洽谈 → 暂停 → 开工 would skip 签约 and the sharing record would never take effect.
    expect(canMoveStage('暂停', '开工', '洽谈')).toBe(false);
    expect(canMoveStage('暂停', '签约', '洽谈')).toBe(false);
    expect(nextStages('暂停', '洽谈')).toEqual(['洽谈', '终止']);
    expect(nextStages('暂停', null)).toEqual(['终止']);
    expect(nextStages('投产')).toEqual([]);
    expect(nextStages('终止')).toEqual([]);
  });
  it('签约 and every later stage of the main line count as signed; 暂停 and 终止 do not', () => {
    expect(STAGES.filter(isSignedStage)).toEqual(['签约', '开工', '投产']);
  });
  it('no sequence of allowed moves reaches 开工 or 投产 without passing 签约', () => {
    // Breadth-first over (stage, pausedFrom, passed 签约) states.
    const seen = new Set<string>();
    const queue: [Stage, Stage | null, boolean][] = [['洽谈', null, false]];
    while (queue.length) {
      const [stage, paused, signed] = queue.shift()!;
      const key = `${stage}|${paused}|${signed}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if ((stage === '开工' || stage === '投产') && !signed) throw new Error(`reached ${stage} without 签约`);
      for (const to of nextStages(stage, paused)) queue.push([to, to === '暂停' ? stage : null, signed || to === '签约']);
    }
    expect(seen.size).toBeGreaterThan(6);
  });
  it('never moves a stage to itself', () => {
    for (const s of STAGES) expect(canMoveStage(s, s)).toBe(false);
  });
});
