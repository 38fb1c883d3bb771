/** 线索状态 as a person reads it (exports, reports). */
export const LEAD_STATUS_LABELS: Record<string, string> = { new: '待评分', shared: '已推送', review: '待研判', accepted: '已承接', closed: '研判后关闭' };
