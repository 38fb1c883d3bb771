import type { RecipientKind, Repositories } from '#persistence';
import { STATUS_NAMES, type Actor, type SharingEvent, type SharingRecord } from '#sharing';
import { MANAGER_INBOX, notify } from './notices.js';

/** What the parties of a record are told after a review step, in words. */
export async function notifyStep(r: Repositories, event: SharingEvent['type'], record: SharingRecord, actor: Actor): Promise<void> {
  const who = actor.name ?? actor.id;
  const p = record.projectName;
  if (event === 'confirm') {
    if (record.status === 'confirmed')
      await notify(r, [{ recipientKind: 'manager', recipientId: MANAGER_INBOX, kind: 'sharing-confirmed', leadId: record.leadId, offerId: record.offerId, title: `利益共享记录待审批：${p}`, body: '来源板块与承接板块均已确认，请审批。' }]);
    else await notifyParties(r, record, 'sharing-confirm', `利益共享记录已有一方确认：${p}`, `${who} 已确认，等待另一方板块确认。`);
  } else if (event === 'approve' || event === 'reject') {
    const verdict = event === 'approve' ? `已批准（${STATUS_NAMES[record.status]}）` : '已驳回';
    await notifyParties(r, record, `sharing-${event}`, `利益共享记录${verdict}：${p}`, `${who}：${record.decision?.comment || (event === 'approve' ? '同意' : '')}`);
  } else if (event === 'edit_terms') {
    await notifyParties(r, record, 'sharing-terms', `利益共享条款已修改：${p}`, `${who} 修改了条款，请双方板块重新确认。`, true);
  } else if (event === 'amend') {
    await notifyParties(r, record, 'sharing-amend', `利益共享记录发起变更（第 ${record.version} 版）：${p}`, `${who}：${record.amendmentReason ?? ''}。请双方板块确认新版本。`, true);
  }
}

/** Tells both boards and the receiving park (and, with `manager`, the city bureau) about a record. */
export async function notifyParties(r: Repositories, record: SharingRecord, kind: string, title: string, body: string, manager = false): Promise<void> {
  const to: { recipientKind: RecipientKind; recipientId: string }[] = [
    { recipientKind: 'board', recipientId: record.originBoardId },
    { recipientKind: 'board', recipientId: record.receivingBoardId },
    { recipientKind: 'park', recipientId: record.receivingParkId },
    ...(manager ? [{ recipientKind: 'manager' as const, recipientId: MANAGER_INBOX }] : []),
  ];
  await notify(r, to.map((t) => ({ ...t, kind, title, body, leadId: record.leadId, offerId: record.offerId })));
}
