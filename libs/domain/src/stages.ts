/**
 * The life of an accepted lead (DESIGN.md): 洽谈 → 签约 → 开工 → 投产, or 暂停 / 终止 on the way. A paused project
 * resumes only to the stage it paused from, so no path reaches 开工 or 投产 without passing 签约 (where the
 * benefit-sharing record takes effect).
 */
export const STAGES = ['洽谈', '签约', '开工', '投产', '暂停', '终止'] as const;
export type Stage = (typeof STAGES)[number];

const MAIN_LINE: readonly Stage[] = ['洽谈', '签约', '开工', '投产'];

const NEXT: Record<Stage, readonly Stage[]> = {
  洽谈: ['签约', '暂停', '终止'],
  签约: ['开工', '暂停', '终止'],
  开工: ['投产', '暂停', '终止'],
  投产: [],
  暂停: ['终止'], // and the stage it paused from
  终止: [],
};

/** Where a project may go from `from`; for 暂停, `pausedFrom` is the stage it left. */
export function nextStages(from: Stage, pausedFrom?: string | null): readonly Stage[] {
  if (from === '暂停') return pausedFrom && isStage(pausedFrom) && MAIN_LINE.includes(pausedFrom) ? [pausedFrom, ...NEXT.暂停] : NEXT.暂停;
  return NEXT[from];
}

export function canMoveStage(from: Stage, to: Stage, pausedFrom?: string | null): boolean {
  return nextStages(from, pausedFrom).includes(to);
}

/** 签约 or any later stage of the main line: the project is signed (its sharing record takes effect). */
export function isSignedStage(stage: Stage): boolean {
  const i = MAIN_LINE.indexOf(stage);
  return i >= MAIN_LINE.indexOf('签约');
}

export function isStage(s: string): s is Stage {
  return (STAGES as readonly string[]).includes(s);
}
