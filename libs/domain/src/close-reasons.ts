/** Why the manager closes a lead from the 待研判 desk instead of sending it to parks: codes are stable, labels are read. */
export const CLOSE_REASONS = {
  outside_city_direction: '不符合本市产业导向',
  no_suitable_park: '暂无合适园区承接',
  invalid_lead: '线索信息不实或无法核实',
  company_withdrew: '企业已放弃或另行选址',
  duplicate: '重复线索',
  other: '其他原因',
} as const;
export type CloseReason = keyof typeof CLOSE_REASONS;
export const CLOSE_REASON_CODES = Object.keys(CLOSE_REASONS) as CloseReason[];
