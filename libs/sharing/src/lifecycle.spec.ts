import fc from 'fast-check';
import { agreementOf, allowedEvents, proposeSharingRecord, transition, type SharingEvent } from './lifecycle.js';
import { validateTerms } from './terms.js';
import type { Actor, SharingRecord, ValidatedTerms } from './types.js';
import { displayStatus, isSuperseded } from './versions.js';
import {
  T0,
  acceptedOffer,
  admin,
  approved,
  at,
  confirmed,
  deepFreeze,
  effective,
  manager,
  manager2,
  must,
  operatorB,
  operatorOtherParkB,
  policy,
  promoterA,
  promoterB,
  promoterC,
  proposed,
  run,
  terms,
} from './__fixtures__/records.js';

const otherTerms = (): ValidatedTerms => {
  const t = terms();
  const r = validateTerms({ ...t, credit: { ...t.credit, tax: { mode: 'split', originBp: 4000, receiverBp: 6000 } }, agreementRef: '协议-2' }, policy);
  if (!r.ok) throw new Error(r.errors[0]!.message);
  return r.value;
};

const errorOf = (r: ReturnType<typeof transition>) => (r.ok ? null : r.error);

describe('proposing a sharing record', () => {
  it('is proposed when a park of another board accepts the offer', () => {
    const r = must(proposeSharingRecord({ ...acceptedOffer, id: 'rec-1', terms: terms() }, operatorB, T0));
    expect(r.record).toMatchObject({
      id: 'rec-1',
      lineageId: 'rec-1',
      version: 1,
      revision: 1,
      status: 'proposed',
      originBoardId: 'haian',
      submittedBy: 'u-haian-1',
      receivingParkId: 'rudong-dz',
      receivingBoardId: 'rudong',
    });
    expect(r.entry).toMatchObject({ event: 'propose', actor: operatorB, at: T0, fromStatus: null, toStatus: 'proposed', revision: 1 });
  });

  it('never exists without an accepted offer', () => {
    for (const status of ['pending', 'declined', 'withdrawn']) {
      const r = proposeSharingRecord({ ...acceptedOffer, offer: { ...acceptedOffer.offer, status }, id: 'x', terms: terms() }, operatorB, T0);
      expect(errorOf(r)?.code).toBe('OFFER_NOT_ACCEPTED');
      expect(errorOf(r)?.message).toContain(status);
    }
  });

  it('never exists for a lead taken inside its own board', () => {
    const r = proposeSharingRecord(
      { ...acceptedOffer, lead: { ...acceptedOffer.lead, originBoardId: 'rudong' }, id: 'x', terms: terms() },
      operatorB,
      T0,
    );
    expect(errorOf(r)?.code).toBe('SAME_BOARD');
  });

  it('refuses an offer that belongs to another lead', () => {
    const r = proposeSharingRecord({ ...acceptedOffer, offer: { ...acceptedOffer.offer, leadId: 'lead-9' }, id: 'x', terms: terms() }, operatorB, T0);
    expect(errorOf(r)?.code).toBe('INVALID_INPUT');
  });

  it('is proposed by the receiving park, a manager or the system, not by another park', () => {
    expect(proposeSharingRecord({ ...acceptedOffer, id: 'x', terms: terms() }, operatorOtherParkB, T0).ok).toBe(false);
    expect(proposeSharingRecord({ ...acceptedOffer, id: 'x', terms: terms() }, admin, T0).ok).toBe(true);
  });
});

describe('confirmations', () => {
  it('needs both boards, in either order, before the record is confirmed', () => {
    const a = run(proposed(), [
      [{ type: 'confirm' }, promoterA],
      [{ type: 'confirm' }, operatorB],
    ]);
    const b = run(proposed(), [
      [{ type: 'confirm' }, promoterB],
      [{ type: 'confirm' }, promoterA],
    ]);
    expect(a.history.map((h) => h.toStatus)).toEqual(['proposed', 'confirmed']);
    expect(b.record.status).toBe('confirmed');
    expect(a.history.map((h) => h.details['side'])).toEqual(['origin', 'receiver']);
  });

  it('refuses confirming twice for the same board', () => {
    const once = run(proposed(), [[{ type: 'confirm' }, promoterA]]).record;
    const e = errorOf(transition(once, { type: 'confirm' }, { ...promoterA, id: 'another-haian-user' }, at(5)));
    expect(e?.code).toBe('ALREADY_CONFIRMED');
    expect(e?.message).toContain('请等待承接板块确认');
  });

  it('refuses a promoter of a board that is not party to the record', () => {
    const e = errorOf(transition(proposed(), { type: 'confirm' }, promoterC, at(1)));
    expect(e?.code).toBe('WRONG_BOARD');
    expect(e?.message).toContain('qidong');
  });

  it('refuses an operator of another park of the receiving board', () => {
    expect(errorOf(transition(proposed(), { type: 'confirm' }, operatorOtherParkB, at(1)))?.code).toBe('WRONG_PARK');
  });

  it('does not let a manager confirm on behalf of a board', () => {
    expect(errorOf(transition(proposed(), { type: 'confirm' }, manager, at(1)))?.code).toBe('ROLE_NOT_ALLOWED');
  });
});

describe('manager review', () => {
  it('refuses approval before both boards confirmed, saying who is missing', () => {
    const once = run(proposed(), [[{ type: 'confirm' }, promoterA]]).record;
    const e = errorOf(transition(once, { type: 'approve' }, manager, at(3)));
    expect(e?.code).toBe('CONFIRMATIONS_MISSING');
    expect(e?.message).toContain('承接板块');
    expect(e?.message).not.toContain('来源板块和');
  });

  it('approves with the manager and comment kept', () => {
    const r = must(transition(confirmed(), { type: 'approve', comment: '符合政策' }, manager, at(9)));
    expect(r.record.status).toBe('approved');
    expect(r.record.decision).toEqual({ outcome: 'approved', by: manager, at: at(9), comment: '符合政策' });
    expect(r.entry.comment).toBe('符合政策');
  });

  it('requires a comment to reject', () => {
    expect(errorOf(transition(confirmed(), { type: 'reject', comment: '  ' }, manager, at(9)))?.code).toBe('COMMENT_REQUIRED');
    const r = must(transition(confirmed(), { type: 'reject', comment: '收益分成比例偏高' }, manager, at(9)));
    expect(r.record.status).toBe('rejected');
  });

  it('lets only managers decide', () => {
    for (const actor of [promoterA, operatorB, admin])
      expect(errorOf(transition(confirmed(), { type: 'approve' }, actor, at(9)))?.code).toBe('ROLE_NOT_ALLOWED');
  });

  it('refuses a second decision', () => {
    expect(errorOf(transition(approved(), { type: 'reject', comment: '改判' }, manager2, at(20)))?.code).toBe('ALREADY_DECIDED');
  });

  it('lets a rejected record be revised and resubmitted, clearing the old decision but keeping it in history', () => {
    const rejected = run(confirmed(), [[{ type: 'reject', comment: '请改为协商' }, manager]]).record;
    const r = must(transition(rejected, { type: 'edit_terms', terms: otherTerms() }, promoterA, at(30)));
    expect(r.record).toMatchObject({ status: 'proposed', decision: null, originConfirmation: null, receiverConfirmation: null });
    expect(r.entry.fromStatus).toBe('rejected');
  });
});

describe('editing and signing', () => {
  it('clears both confirmations when terms change before approval', () => {
    const r = must(transition(confirmed(), { type: 'edit_terms', terms: otherTerms(), comment: '改税收比例' }, operatorB, at(5)));
    expect(r.record.status).toBe('proposed');
    expect(r.record.originConfirmation).toBeNull();
    expect(r.entry.details['previousTerms']).toEqual(terms());
  });

  it('refuses editing an approved record and points to amendment', () => {
    const e = errorOf(transition(approved(), { type: 'edit_terms', terms: otherTerms() }, manager, at(20)));
    expect(e?.code).toBe('RECORD_FROZEN');
    expect(e?.message).toContain('发起变更');
  });

  it('becomes effective when the project is signed after approval', () => {
    const r = must(transition(approved(), { type: 'sign', signedOn: '2025-05-20' }, operatorB, at(30)));
    expect(r.record).toMatchObject({ status: 'effective', signedOn: '2025-05-20' });
    expect(r.entry).toMatchObject({ fromStatus: 'approved', toStatus: 'effective', details: { signedOn: '2025-05-20' } });
  });

  it('becomes effective on approval when the project was signed first', () => {
    const { record } = run(proposed(), [
      [{ type: 'sign', signedOn: '2025-03-02' }, admin],
      [{ type: 'confirm' }, promoterA],
      [{ type: 'confirm' }, promoterB],
      [{ type: 'approve' }, manager],
    ]);
    expect(record.status).toBe('effective');
  });

  it('refuses signing twice or with a malformed date', () => {
    expect(errorOf(transition(effective(), { type: 'sign', signedOn: '2025-06-01' }, manager, at(40)))?.code).toBe('ALREADY_SIGNED');
    expect(errorOf(transition(approved(), { type: 'sign', signedOn: '2025-02-30' }, manager, at(40)))?.code).toBe('INVALID_DATE');
  });

  it('refuses acting on a stale copy (optimistic concurrency)', () => {
    const r = confirmed();
    const e = errorOf(transition(r, { type: 'approve', expectedRevision: r.revision - 1 }, manager, at(9)));
    expect(e?.code).toBe('STALE_REVISION');
    expect(e?.message).toContain('请刷新');
  });
});

describe('amendments', () => {
  it('creates a new version referring to the approved one, which stays unchanged', () => {
    const v1 = deepFreeze(effective());
    const before = structuredClone(v1);
    const r = must(transition(v1, { type: 'amend', newId: 'rec-1-v2', terms: otherTerms(), reason: '双方协商调整税收分算' }, promoterA, at(50)));
    expect(v1).toEqual(before);
    expect(r.record).toMatchObject({
      id: 'rec-1-v2',
      lineageId: 'rec-1',
      version: 2,
      supersedes: 'rec-1',
      status: 'proposed',
      signedOn: '2025-04-01',
      amendmentReason: '双方协商调整税收分算',
    });
    expect(isSuperseded(v1, [v1, r.record])).toBe(false);
    const v2 = run(r.record, [
      [{ type: 'confirm' }, promoterA],
      [{ type: 'confirm' }, operatorB],
      [{ type: 'approve' }, manager],
    ]).record;
    expect(v2.status).toBe('effective');
    expect(displayStatus(v1, [v1, v2])).toBe('superseded');
    expect(v1).toEqual(before);
  });

  it('requires a reason and a real change', () => {
    expect(errorOf(transition(approved(), { type: 'amend', newId: 'v2', terms: otherTerms(), reason: '' }, promoterA, at(1)))?.code).toBe(
      'COMMENT_REQUIRED',
    );
    expect(errorOf(transition(approved(), { type: 'amend', newId: 'v2', terms: terms(), reason: '无' }, promoterA, at(1)))?.code).toBe(
      'AMENDMENT_UNCHANGED',
    );
  });

  it('is only for approved records', () => {
    expect(errorOf(transition(confirmed(), { type: 'amend', newId: 'v2', terms: otherTerms(), reason: '调整' }, promoterA, at(1)))?.code).toBe(
      'NOT_APPROVED',
    );
  });
});

describe('history', () => {
  it('keeps every step with who and when, revisions counting up by one', () => {
    const { history } = run(proposed(), [
      [{ type: 'confirm' }, promoterA],
      [{ type: 'confirm' }, operatorB],
      [{ type: 'approve', comment: '同意' }, manager],
      [{ type: 'sign', signedOn: '2025-04-01' }, operatorB],
    ]);
    expect(history.map((h) => [h.revision, h.event, h.actor.id])).toEqual([
      [2, 'confirm', 'u-haian-1'],
      [3, 'confirm', 'u-rudong-dz'],
      [4, 'approve', 'u-kjj-1'],
      [5, 'sign', 'u-rudong-dz'],
    ]);
    expect(history.every((h, k) => h.at === at(k + 1))).toBe(true);
  });

  it('tells the UI which steps an actor may take', () => {
    expect(allowedEvents(proposed(), promoterA).sort()).toEqual(['confirm', 'edit_terms']);
    expect(allowedEvents(confirmed(), manager).sort()).toEqual(['approve', 'edit_terms', 'reject', 'sign']);
    expect(allowedEvents(effective(), promoterC)).toEqual([]);
  });
});

// ---------------------------------------------------------------- properties

const actors: Actor[] = [promoterA, promoterB, promoterC, operatorB, operatorOtherParkB, manager, manager2, admin];
const eventArb: fc.Arbitrary<SharingEvent> = fc.oneof(
  fc.constant<SharingEvent>({ type: 'confirm' }),
  fc.string().map((comment): SharingEvent => ({ type: 'approve', comment })),
  fc.string().map((comment): SharingEvent => ({ type: 'reject', comment })),
  fc.constantFrom(terms(), otherTerms()).map((t): SharingEvent => ({ type: 'edit_terms', terms: t })),
  fc.constantFrom('2025-04-01', '2025-09-30', '2025-13-01').map((d): SharingEvent => ({ type: 'sign', signedOn: d })),
  fc.tuple(fc.constantFrom(terms(), otherTerms()), fc.string()).map(([t, reason]): SharingEvent => ({ type: 'amend', newId: 'amended', terms: t, reason })),
);
const stepsArb = fc.array(fc.tuple(eventArb, fc.constantFrom(...actors)), { maxLength: 30 });

function applyAll(start: SharingRecord, steps: [SharingEvent, Actor][]) {
  let r = start;
  const amendments: SharingRecord[] = [];
  steps.forEach(([e, a], k) => {
    const res = transition(r, e, a, at(100 + k));
    if (!res.ok) return;
    if (e.type === 'amend') amendments.push(res.record);
    else r = res.record;
  });
  return { record: r, amendments };
}

describe('lifecycle (properties)', () => {
  it('an approved record never changes under any event sequence (only the one-time 签约 stamp)', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const start = deepFreeze(approved());
        const before = structuredClone(start);
        const { record, amendments } = applyAll(start, steps);
        expect(start).toEqual(before);
        expect(agreementOf(record)).toEqual(agreementOf(before));
        expect(['approved', 'effective']).toContain(record.status);
        for (const a of amendments) expect(a.supersedes).toBe(start.id);
      }),
    );
  });

  it('an effective record never changes at all', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const start = deepFreeze(effective());
        const before = structuredClone(start);
        expect(applyAll(start, steps).record).toEqual(before);
      }),
    );
  });

  it('from any reachable state, approval implies both confirmations and a manager decision, and split shares sum to 10000', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        let r = proposed();
        steps.forEach(([e, a], k) => {
          const res = transition(r, e, a, at(k + 1));
          if (res.ok && e.type !== 'amend') {
            expect(res.record.revision).toBe(r.revision + 1);
            r = res.record;
          }
          if (r.status === 'approved' || r.status === 'effective') {
            expect(r.originConfirmation && r.receiverConfirmation).toBeTruthy();
            expect(r.decision?.by.role).toBe('manager');
          }
          for (const c of Object.values(r.terms.credit)) if (c.mode === 'split') expect(c.originBp + c.receiverBp).toBe(10000);
        });
      }),
    );
  });
});

describe('concurrent approvals (compare-and-set store, random interleavings)', () => {
  class Store {
    record: SharingRecord;
    history: { revision: number; event: string; actor: string }[] = [];
    constructor(r: SharingRecord) {
      this.record = r;
    }
    save(expected: number, next: SharingRecord, event: string, actor: string): 'saved' | 'STALE' {
      if (this.record.revision !== expected) return 'STALE';
      this.record = next;
      this.history.push({ revision: next.revision, event, actor });
      return 'saved';
    }
  }

  it('exactly one decision wins; losers retry on a stale write and then see why they lost; history has no gaps', async () => {
    let staleWrites = 0;
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(fc.tuple(eventArb, fc.constantFrom(...actors)), { maxLength: 4 }), async (s, extra) => {
        const store = new Store(confirmed());
        const start = store.record.revision;
        // Like a service: load, transition with If-Match, compare-and-set save; on a stale write reload and retry.
        const op = async (event: SharingEvent, actor: Actor, k: number): Promise<string> => {
          for (let attempt = 0; attempt < 10; attempt++) {
            const snapshot = await s.schedule(Promise.resolve(), `load ${event.type} ${actor.id}`).then(() => store.record);
            const res = transition(snapshot, { ...event, expectedRevision: snapshot.revision }, actor, at(200 + k));
            if (!res.ok) return res.error.code;
            if (event.type === 'amend') return 'amended';
            await s.schedule(Promise.resolve(), `save ${event.type} ${actor.id}`);
            if (store.save(snapshot.revision, res.record, event.type, actor.id) === 'saved') return 'saved';
            staleWrites++;
          }
          return 'GAVE_UP';
        };
        const ops: [SharingEvent, Actor][] = [
          [{ type: 'approve', comment: '同意' }, manager],
          [{ type: 'approve', comment: '同意' }, manager2],
          [{ type: 'reject', comment: '不同意' }, manager2],
          ...extra,
        ];
        const done = Promise.all(ops.map(([e, a], k) => op(e, a, k)));
        const outcomes = await s.waitFor(done);
        const decisions = store.history.filter((h) => h.event === 'approve' || h.event === 'reject');
        expect(decisions.length).toBeLessThanOrEqual(1);
        // Revisions follow each other without gaps: no lost update.
        store.history.forEach((h, k) => expect(h.revision).toBe(start + k + 1));
        expect(store.record.revision).toBe(start + store.history.length);
        // Saved decision attempts are exactly the kept decisions; every other attempt was told why.
        const decisionOutcomes = outcomes.filter((_, k) => ops[k]![0].type === 'approve' || ops[k]![0].type === 'reject');
        expect(decisionOutcomes.filter((o) => o === 'saved')).toHaveLength(decisions.length);
        for (const o of decisionOutcomes)
          expect(['saved', 'ALREADY_DECIDED', 'CONFIRMATIONS_MISSING', 'ROLE_NOT_ALLOWED', 'COMMENT_REQUIRED', 'REJECTED_RECORD']).toContain(o);
        if (!extra.some(([e]) => e.type === 'edit_terms')) expect(decisions).toHaveLength(1);
        if (store.record.status === 'approved' || store.record.status === 'effective') {
          expect(decisions).toHaveLength(1);
          expect(store.record.decision?.outcome).toBe('approved');
        }
        if (decisions.length === 1 && decisions[0]!.event === 'approve') {
          // After approval, nothing in this batch can have altered the agreement.
          expect(agreementOf(store.record).decision?.outcome).toBe('approved');
        }
      }),
      { numRuns: 150 },
    );
    // The interleavings really did race: some writes were refused as stale and retried.
    expect(staleWrites).toBeGreaterThan(0);
  }, 120_000);
});
