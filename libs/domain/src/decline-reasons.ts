/** Why a park declines an offer: codes are stable, labels are what people read. */
export const DECLINE_REASONS = {
  not_in_specialization: '不符合园区主攻方向',
  no_space: '用地或载体空间不足',
  scale_mismatch: '投资规模或能耗指标不匹配',
  already_in_contact: '已在其他渠道接洽',
  duplicate: '重复项目',
  other: '其他原因',
} as const;
export type DeclineReason = keyof typeof DECLINE_REASONS;
export const DECLINE_REASON_CODES = Object.keys(DECLINE_REASONS) as DeclineReason[];
