import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { actorName, canReadRecipient, isCityWide, type Viewer } from '#domain';
import { type RecipientKind, type Repositories, UnitOfWork } from '#persistence';
import { DomainError, forbidden } from '#errors';
import { MANAGER_INBOX } from './notices.js';
import { SIGNATURE_HEADER, WebhookClient, WebhookTargetError } from './webhook-client.js';

/** At most this many webhooks per recipient: each notice is delivered to every one of them. */
export const WEBHOOKS_PER_RECIPIENT = 10;

type WebhookRow = NonNullable<Awaited<ReturnType<Repositories['webhooks']['find']>>>;

/** A webhook as its owner sees it: never the secret. */
function view(w: WebhookRow) {
  return {
    id: w.id,
    recipientKind: w.recipient_kind,
    recipientId: w.recipient_id,
    url: w.url,
    enabled: w.enabled,
    createdBy: w.created_by,
    createdAt: w.created_at,
    delivery: {
      attempts: w.attempts,
      failures: w.failures,
      lastStatus: w.last_status,
      lastHttpStatus: w.last_http_status,
      lastError: w.last_error,
      lastAttemptAt: w.last_attempt_at,
      lastDeliveredAt: w.last_delivered_at,
    },
  };
}

const newSecret = () => 'pm_wh_' + randomBytes(32).toString('base64url');

const SIGNING = {
  header: 'X-ParkMatch-Signature',
  scheme: 't=<unix 秒>,v1=<hex HMAC-SHA256(secret, "<t>.<请求体原文>")>',
};

/** Webhooks of boards, parks and the city: register (URL rules checked), list, switch, delete, test. */
@Injectable()
export class WebhookService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly client: WebhookClient,
  ) {}

  async register(kind: RecipientKind, recipientId: string, rawUrl: string, viewer: Viewer) {
    allowed(viewer, kind, recipientId);
    // Resolved before the transaction: no connection waits on DNS.
    const url = (await this.target(rawUrl)).href;
    return this.uow.transaction(async (r) => {
      await knownRecipient(r, kind, recipientId);
      const existing = await r.webhooks.findByUrl(kind, recipientId, url);
      if (existing) throw duplicate(existing.id, url);
      if ((await r.webhooks.countFor(kind, recipientId)) >= WEBHOOKS_PER_RECIPIENT)
        throw new DomainError('WEBHOOK_LIMIT', `每个接收方最多 ${WEBHOOKS_PER_RECIPIENT} 个 webhook：请先删除不用的（DELETE /api/webhooks/:id）`);
      const id = randomUUID();
      const secret = newSecret();
      if (!(await r.webhooks.add({ id, recipientKind: kind, recipientId, url, secret, createdBy: actorName(viewer) }))) {
        const raced = await r.webhooks.findByUrl(kind, recipientId, url);
        throw duplicate(raced?.id ?? '', url);
      }
      return { ...view((await r.webhooks.find(id))!), secret, signing: SIGNING };
    });
  }

  /** The caller's webhooks (city-wide users: all, or one recipient's). */
  async list(viewer: Viewer, filter: { recipientKind?: RecipientKind; recipientId?: string }) {
    let recipients: { kind: RecipientKind; id: string }[] | undefined;
    if (filter.recipientKind && filter.recipientId) {
      allowed(viewer, filter.recipientKind, filter.recipientId);
      recipients = [{ kind: filter.recipientKind, id: filter.recipientId }];
    } else if (!isCityWide(viewer)) {
      recipients = viewer.role === 'promoter' && viewer.boardId ? [{ kind: 'board', id: viewer.boardId }] : viewer.role === 'park_operator' && viewer.parkId ? [{ kind: 'park', id: viewer.parkId }] : [];
    }
    const rows = await this.uow.read((r) => r.webhooks.list(recipients));
    const items = rows.filter((w) => !filter.recipientKind || w.recipient_kind === filter.recipientKind).map(view);
    return { items, total: items.length };
  }

  async get(id: string, viewer: Viewer) {
    return view(await this.visible(id, viewer));
  }

  async deliveries(id: string, page: { limit: number; offset: number }, viewer: Viewer) {
    await this.visible(id, viewer);
    const { items, total } = await this.uow.read((r) => r.webhooks.deliveries(id, page));
    return {
      items: items.map((d) => ({ notificationId: d.id, kind: d.kind, title: d.title, status: d.webhook_status, attempts: d.webhook_attempts, lastError: d.webhook_error, lastAttemptAt: d.webhook_attempted_at, deliveredAt: d.delivered_at, createdAt: d.created_at })),
      total,
      limit: page.limit,
      offset: page.offset,
    };
  }

  async setEnabled(id: string, enabled: boolean, viewer: Viewer) {
    await this.visible(id, viewer);
    return this.uow.transaction(async (r) => {
      await r.webhooks.setEnabled(id, enabled);
      return view((await r.webhooks.find(id))!);
    });
  }

  /** A new secret, shown once; the old one stops signing at once. */
  async rotateSecret(id: string, viewer: Viewer) {
    await this.visible(id, viewer);
    const secret = newSecret();
    await this.uow.read((r) => r.webhooks.setSecret(id, secret));
    return { id, secret, signing: SIGNING };
  }

  async remove(id: string, viewer: Viewer) {
    await this.visible(id, viewer);
    await this.uow.read((r) => r.webhooks.remove(id));
    return { id, deleted: true };
  }

  /** Sends a signed test notice now (also to a disabled webhook) and says what the receiver answered. */
  async test(id: string, viewer: Viewer) {
    const w = await this.visible(id, viewer);
    const notice = { id: `test-${randomUUID()}`, kind: 'webhook-test', title: 'Webhook 测试', body: '这是一条测试通知，收到即表示订阅可用。', leadId: null, offerId: null, recipient: { kind: w.recipient_kind, id: w.recipient_id }, createdAt: new Date() };
    const result = await this.client.send(w.url, w.secret, { 'x-parkmatch-notification': notice.id, 'x-parkmatch-webhook': w.id }, JSON.stringify(notice));
    await this.uow.read((r) => r.webhooks.recordAttempt(id, result));
    return { id, delivered: result.ok, httpStatus: result.httpStatus ?? null, error: result.error ?? null, notificationId: notice.id, signatureHeader: SIGNATURE_HEADER };
  }

  private async target(rawUrl: string): Promise<URL> {
    try {
      return (await this.client.check(rawUrl)).url;
    } catch (e) {
      if (e instanceof WebhookTargetError) throw new DomainError('WEBHOOK_TARGET_REFUSED', e.message, [{ field: 'url', message: e.message }]);
      throw e;
    }
  }

  /** A webhook the caller may manage; any other answers 404, as if it did not exist. */
  private async visible(id: string, viewer: Viewer): Promise<WebhookRow> {
    const w = await this.uow.read((r) => r.webhooks.find(id));
    if (!w || !canReadRecipient(viewer, w.recipient_kind, w.recipient_id)) throw new DomainError('WEBHOOK_NOT_FOUND', `webhook ${id} 不存在`);
    return w;
  }
}

function allowed(viewer: Viewer, kind: string, id: string): void {
  if (!canReadRecipient(viewer, kind, id))
    throw forbidden(viewer.role === 'promoter' ? `只能为本板块订阅 webhook（recipientKind=board, recipientId=${viewer.boardId}）` : viewer.role === 'park_operator' ? `只能为本园区订阅 webhook（recipientKind=park, recipientId=${viewer.parkId}）` : '无权管理这些 webhook');
}

async function knownRecipient(r: Repositories, kind: RecipientKind, id: string): Promise<void> {
  if (kind === 'manager' && id !== MANAGER_INBOX) throw new DomainError('INVALID_RECIPIENT', `市科技局的 recipientId 须为 ${MANAGER_INBOX}`);
  if (kind === 'park' && !(await r.parks.findPark(id))) throw new DomainError('INVALID_RECIPIENT', `园区 ${id} 不存在`);
  if (kind === 'board' && !(await r.parks.listBoards()).some((b) => b.id === id)) throw new DomainError('INVALID_RECIPIENT', `板块 ${id} 不存在`);
}

function duplicate(id: string, url: string) {
  return new DomainError('WEBHOOK_DUPLICATE', `该接收方已订阅过这个地址（webhook ${id}）：${url}。如需新的密钥请用 POST /api/webhooks/${id}/secret`);
}
