/**
 * The console's calls of the review desk, notices, parks, prospects, listings, reports and the audit log, their
 * queries and bodies typed by the server's request schemas (libs/contract, a type-only import): a field the server
 * refuses does not type-check here.
 */
import type {
  AdminQuery, ListingQuery, ListingRequest, ParkQuery, ParkRequest, ReportQuery, ReviewQuery, ReviewRequest, SharingQuery,
} from '../../../libs/contract/src/index.js';
import { api, qs } from './api';

export type { ListingQuery, ListingRequest, ParkQuery, ParkRequest, ReportQuery, ReviewQuery, ReviewRequest, SharingQuery };

const seg = encodeURIComponent;

export const reviewApi = {
  noFitPath: (q: ReviewQuery<'noFit'>) => `/api/review/no-fit${qs(q)}`,
  send: (leadId: string, body: ReviewRequest<'send'>) => api.post(`/api/review/leads/${seg(leadId)}/send`, body),
  close: (leadId: string, body: ReviewRequest<'close'>) => api.post(`/api/review/leads/${seg(leadId)}/close`, body),
  duplicatesPath: (q: ReviewQuery<'duplicates'>) => `/api/duplicates${qs(q)}`,
  settleMany: (body: ReviewRequest<'settleMany'>) => api.post('/api/duplicates/settle', body),
  settle: (id: string, body: ReviewRequest<'settle'>) => api.post(`/api/duplicates/${seg(id)}/settle`, body),
  notificationsPath: (q: ReviewQuery<'notifications'>) => `/api/notifications${qs(q)}`,
  markRead: (id: string, body: ReviewRequest<'markRead'>) => api.post(`/api/notifications/${seg(id)}/read`, body),
};

export const parkApi = {
  revisionPreview: (parkId: string, body: ParkRequest<'revisionPreview'>) => api.post(`/api/parks/${seg(parkId)}/revision-preview`, body),
  saveVersion: (parkId: string, body: ParkRequest<'saveVersion'>) => api.post(`/api/parks/${seg(parkId)}/versions`, body),
  prospectsPath: (parkId: string, q: ParkQuery<'prospects'>) => `/api/parks/${seg(parkId)}/prospects${qs(q)}`,
  dismissProspect: (parkId: string, id: string, body: ParkRequest<'dismissProspect'>) => api.post(`/api/parks/${seg(parkId)}/prospects/${seg(id)}/dismiss`, body),
};

export const listingApi = {
  listPath: (q: ListingQuery<'list'>) => `/api/listings${qs(q)}`,
  create: (body: ListingRequest) => api.post('/api/listings', body),
  revise: (id: string, body: ListingRequest) => api.post(`/api/listings/${seg(id)}/revisions`, body),
};

export const reportApi = {
  overviewPath: (q: ReportQuery<'overview'>) => `/api/stats/overview${qs(q)}`,
  precisionPath: (q: ReportQuery<'precision'>) => `/api/reports/precision${qs(q)}`,
  monthlyPath: (q: ReportQuery<'monthly'>, format: '' | '.xlsx' = '') => `/api/reports/monthly${format}${qs(q)}`,
  industryMapPath: (q: ReportQuery<'industryMap'>) => `/api/industry-map${qs(q)}`,
};

export const sharingQueryApi = {
  listPath: (q: SharingQuery<'list'>) => `/api/sharing-records${qs(q)}`,
  totalsPath: (q: SharingQuery<'totals'>) => `/api/sharing-records/totals${qs(q)}`,
  exportPath: (format: 'csv' | 'xlsx', q: SharingQuery<'export'>) => `/api/sharing-records/export.${format}${qs(q)}`,
};

export const auditApi = {
  listPath: (q: AdminQuery<'audit'>) => `/api/audit${qs(q)}`,
  peoplePath: (q: AdminQuery<'people'>) => `/api/people${qs(q)}`,
};
