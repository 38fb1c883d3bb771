import type { z } from 'zod';
import { BoardList, ParkDetail, ParkList } from './catalog.js';
import { DuplicatePage, FollowUpList, LeadCreated, LeadDetail, LeadPage, ReviewPage, StaffList } from './leads.js';
import { InboxPage, OfferAccepted, OfferDeclined, OverduePage, StageMoved } from './offers.js';
import { ImportStatus, Meta, NotificationPage, NotificationRead, PublicUser, SignedIn, StatsOverview } from './desk.js';
import { SharingRecordDetail, SharingRecordPage } from './sharing.js';

export { BoardList, ParkDetail, ParkList, DuplicatePage, FollowUpList, LeadCreated, LeadDetail, LeadPage, ReviewPage, StaffList, InboxPage, OfferAccepted, OfferDeclined, OverduePage, StageMoved, ImportStatus, Meta, NotificationPage, NotificationRead, PublicUser, SignedIn, StatsOverview, SharingRecordDetail, SharingRecordPage };

/**
 * The success answer (2xx JSON) of each route, keyed as the OpenAPI document writes it (`GET /api/leads/{id}`).
 * The API's document shows these (apps/api/src/common/openapi-responses.ts), every e2e call checks its answer
 * against them (tests/support/platform.ts), and the console types its reads with them (apps/console/src/api.ts).
 */
export const RESPONSES = {
  'GET /api/leads': LeadPage,
  'POST /api/leads': LeadCreated,
  'GET /api/leads/{id}': LeadDetail,
  'GET /api/leads/{id}/follow-ups': FollowUpList,
  'GET /api/staff': StaffList,
  'GET /api/review/no-fit': ReviewPage,
  'GET /api/duplicates': DuplicatePage,
  'GET /api/parks/{parkId}/offers': InboxPage,
  'GET /api/offers/overdue': OverduePage,
  'POST /api/parks/{parkId}/offers/{offerId}/accept': OfferAccepted,
  'POST /api/parks/{parkId}/offers/{offerId}/decline': OfferDeclined,
  'POST /api/parks/{parkId}/leads/{leadId}/stage': StageMoved,
  'GET /api/notifications': NotificationPage,
  'POST /api/notifications/{id}/read': NotificationRead,
  'GET /api/stats/overview': StatsOverview,
  'GET /api/sharing-records': SharingRecordPage,
  'GET /api/sharing-records/{id}': SharingRecordDetail,
  'POST /api/auth/login': SignedIn,
  'GET /api/auth/me': PublicUser,
  'GET /api/meta': Meta,
  'GET /api/imports/{id}': ImportStatus,
  'GET /api/boards': BoardList,
  'GET /api/parks': ParkList,
  'GET /api/parks/{id}': ParkDetail,
  'POST /api/imports/{id}/cancel': ImportStatus,
} as const satisfies Record<string, z.ZodType>;

export type ResponseRoute = keyof typeof RESPONSES;
/** What a registered route answers, as the client reads it. */
export type ResponseOf<K extends ResponseRoute> = z.output<(typeof RESPONSES)[K]>;

/**
 * The route (`GET /api/leads/{id}`) of a concrete call (`GET /api/leads/abc?x=1`) among the OpenAPI document's
 * `paths`. Every template is needed, not only the registered ones: /api/imports/template.csv is not /api/imports/{id}.
 */
export function routeOf(paths: Record<string, object>, method: string, path: string): string | undefined {
  const p = path.split('?')[0]!;
  const m = method.toLowerCase();
  const routes = Object.keys(paths)
    .filter((template) => m in paths[template]!)
    .map((template) => {
      const parts = template.split('/');
      const re = new RegExp(`^${parts.map((s) => (/^\{\w+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/')}/?$`);
      return { template, re, params: parts.filter((s) => s.startsWith('{')).length };
    })
    // as the router does: a literal segment wins over a parameter
    .sort((a, b) => a.params - b.params);
  const hit = routes.find((r) => r.re.test(p));
  return hit && `${method.toUpperCase()} ${hit.template}`;
}
