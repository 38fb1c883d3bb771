/** A lead's way through the platform; the database stores the code, people read the label (exports, reports, console). */
export const LEAD_STATUS = {
  new: 'new', // waiting for its score
  shared: 'shared', // offers are out
  review: 'review', // no park fits: a manager looks at it
  accepted: 'accepted', // a park took it; see stage
  closed: 'closed', // the manager closed it from the 待研判 desk, with a reason (see lead_events)
} as const;

export type LeadStatus = (typeof LEAD_STATUS)[keyof typeof LEAD_STATUS];
export const LEAD_STATUSES = Object.values(LEAD_STATUS) as [LeadStatus, ...LeadStatus[]];

/** 线索状态 as a person reads it. */
export const LEAD_STATUS_LABELS: Readonly<Record<LeadStatus, string>> & Readonly<Record<string, string | undefined>> = { new: '待评分', shared: '已推送', review: '待研判', accepted: '已承接', closed: '研判后关闭' };
