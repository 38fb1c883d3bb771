import { LeadService } from './lead.service.js';
import { OfferDecisionService } from './offer-decision.service.js';
import { ScoringService } from './scoring.service.js';
import type { ActorClaim } from './sharing-actors.js';
import { SharingLedgerService } from './sharing-ledger.service.js';
import { SharingLedgerViews } from './sharing-views.service.js';
import { DATABASE_KINDS, LEADS, MANAGER, operator, pipelineForSuite, refused } from './testing/pipeline.js';

/** The benefit-sharing ledger's commands (利益共享) against a real database: the steps both boards and the manager take. */
describe.each(DATABASE_KINDS)('SharingLedgerService on %s', (kind) => {
  const p = pipelineForSuite(kind);
  let ledger: SharingLedgerService;
  let views: SharingLedgerViews;
  let n = 300;
  const manager: ActorClaim = { role: 'manager', id: MANAGER.username, name: MANAGER.name };

  /** A 家纺 lead accepted by a park of another board: its proposed record and the parties who act on it. */
  async function proposed() {
    const leadId = await p.submit('jiafang', LEADS.sic(n++));
    await p.get(ScoringService).score(leadId, 0);
    const offer = (await p.get(LeadService).detail(leadId, MANAGER)).offers[0]!;
    const park = operator(offer.parkId, offer.board);
    const { sharingRecordId } = await p.get(OfferDecisionService).accept(offer.parkId, offer.id, park);
    expect(sharingRecordId).toEqual(expect.any(String));
    return {
      id: sharingRecordId!,
      leadId,
      park,
      origin: { role: 'promoter', id: 'jiafang-promoter', name: '家纺招商专员', boardId: 'jiafang' } as ActorClaim,
      receiver: { role: 'park_operator', id: park.username, name: park.name, parkId: offer.parkId } as ActorClaim,
    };
  }

  beforeAll(() => {
    ledger = p.get(SharingLedgerService);
    views = p.get(SharingLedgerViews);
  });

  it('both boards confirm (either order), the manager approves, 签约 makes it effective; each step one revision and one history entry', async () => {
    const r = await proposed();
    expect((await views.get(r.id)).record).toMatchObject({ status: 'proposed', revision: 1 });
    expect((await ledger.confirm(r.id, r.receiver)).record).toMatchObject({ status: 'proposed', revision: 2, receiverConfirmation: { by: { role: 'park_operator' } }, originConfirmation: null });
    expect((await ledger.confirm(r.id, r.origin, { comment: '同意默认规则' })).record).toMatchObject({ status: 'confirmed', statusName: '待审批', revision: 3 });
    expect((await ledger.approve(r.id, manager, { comment: '同意', expectedRevision: 3 })).record).toMatchObject({ status: 'approved', revision: 4, decision: { outcome: 'approved', comment: '同意' } });
    await p.get(OfferDecisionService).moveStage(r.park.parkId!, r.leadId, '签约', r.park);
    const after = await views.get(r.id);
    expect(after.record).toMatchObject({ status: 'effective', revision: 5, signedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(after.history.map((e) => e.event)).toEqual(['propose', 'confirm', 'confirm', 'approve', 'sign']);
  });

  it('a step on a revision someone else has moved on from is STALE_REVISION (409) and changes nothing', async () => {
    const r = await proposed();
    await ledger.confirm(r.id, r.origin, { expectedRevision: 1 });
    const stale = await ledger.confirm(r.id, r.receiver, { expectedRevision: 1 }).catch((e: unknown) => e);
    expect(stale).toEqual(refused('STALE_REVISION', 409));
    expect((stale as Error).message).toContain('请刷新');
    const now = await views.get(r.id);
    expect(now.record).toMatchObject({ status: 'proposed', revision: 2, receiverConfirmation: null });
    expect(now.history).toHaveLength(2);
    // Reloaded, the same person's step goes through.
    expect((await ledger.confirm(r.id, r.receiver, { expectedRevision: 2 })).record).toMatchObject({ status: 'confirmed', revision: 3 });
  });

  it('both boards confirming at the same moment: both confirmations kept, or the later one told to reload; never one lost silently', async () => {
    const r = await proposed();
    const both = await Promise.allSettled([ledger.confirm(r.id, r.origin), ledger.confirm(r.id, r.receiver)]);
    for (const x of both) if (x.status === 'rejected') expect(x.reason).toEqual(expect.objectContaining({ code: expect.stringMatching(/^(STALE_REVISION|CONCURRENT_CHANGE)$/), status: 409 }));
    const now = await views.get(r.id);
    const kept = both.filter((x) => x.status === 'fulfilled').length;
    expect(now.record.revision).toBe(1 + kept);
    expect(now.history.filter((e) => e.event === 'confirm')).toHaveLength(kept);
    expect([now.record.originConfirmation, now.record.receiverConfirmation].filter(Boolean)).toHaveLength(kept);
  });

  it('the rules of each step keep their codes: approve before both confirmed, confirm twice, a board approving, approve twice', async () => {
    const r = await proposed();
    await expect(ledger.approve(r.id, manager)).rejects.toEqual(refused('CONFIRMATIONS_MISSING', 409));
    await ledger.confirm(r.id, r.origin);
    await expect(ledger.confirm(r.id, r.origin)).rejects.toEqual(refused('ALREADY_CONFIRMED', 409));
    await ledger.confirm(r.id, r.receiver);
    await expect(ledger.approve(r.id, r.origin)).rejects.toEqual(refused('ROLE_NOT_ALLOWED', 403));
    // A board that is no party does not see the record at all: the same answer as a record that does not exist.
    const outsider = ['haian', 'rugao'].find((b) => b !== r.park.boardId)!;
    await expect(ledger.confirm(r.id, { role: 'promoter', id: `${outsider}-promoter`, boardId: outsider })).rejects.toEqual(refused('SHARING_RECORD_NOT_FOUND', 404));
    await ledger.approve(r.id, manager);
    await expect(ledger.approve(r.id, manager)).rejects.toEqual(refused('ALREADY_DECIDED', 409));
    expect((await views.get(r.id)).history.map((e) => e.event)).toEqual(['propose', 'confirm', 'confirm', 'approve']);
  });
});
