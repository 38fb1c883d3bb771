/** An offer (推荐) to a park: the database stores the code, people read the label. */
export const OFFER_STATUS = { open: 'open', accepted: 'accepted', declined: 'declined', withdrawn: 'withdrawn' } as const;
export type OfferStatus = (typeof OFFER_STATUS)[keyof typeof OFFER_STATUS];
export const OFFER_STATUSES = Object.values(OFFER_STATUS) as [OfferStatus, ...OfferStatus[]];
export const OFFER_STATUS_LABELS: Readonly<Record<OfferStatus, string>> = { open: '待答复', accepted: '已接收', declined: '已拒绝', withdrawn: '已撤回' };
