/** The life of an accepted lead (DESIGN.md): 洽谈 → 签约 → 开工 → 投产, or 暂停 / 终止 on the way. */
export const STAGES = ['洽谈', '签约', '开工', '投产', '暂停', '终止'] as const;
export type Stage = (typeof STAGES)[number];

const NEXT: Record<Stage, readonly Stage[]> = {
  洽谈: ['签约', '暂停', '终止'],
  签约: ['开工', '暂停', '终止'],
  开工: ['投产', '暂停', '终止'],
  投产: [],
  暂停: ['洽谈', '签约', '开工', '终止'],
  终止: [],
};

export function canMoveStage(from: Stage, to: Stage): boolean {
  return NEXT[from].includes(to);
}

export function nextStages(from: Stage): readonly Stage[] {
  return NEXT[from];
}

export function isStage(s: string): s is Stage {
  return (STAGES as readonly string[]).includes(s);
}
