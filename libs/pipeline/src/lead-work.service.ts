import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { actorName, chinaDate, isCityWide, ownerSide, type FollowUpKind, type Viewer } from '#domain';
import { UnitOfWork, type FollowUpRow } from '#persistence';
import { DomainError, invalid } from '#errors';
import { IntervalWatcher } from './interval-watcher.js';
import { LeadService, ownersOf } from './lead.service.js';
import { seenWorkLog, writableWorkLog } from './work-log-access.js';
import { notify } from './notices.js';

export interface FollowUpInput {
  happenedOn: string;
  kind: FollowUpKind;
  participants: string;
  summary: string;
  nextStep?: string;
  nextStepOn?: string;
}

/** The daily work around a lead: 跟进记录, their next-step reminders, and the 责任人 of each desk. */
@Injectable()
export class LeadWorkService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly leads: LeadService,
  ) {}

  async followUps(leadId: string, viewer: Viewer) {
    return this.uow.read(async (r) => {
      await seenWorkLog(this.leads, r, leadId, viewer, '跟进记录');
      return { items: (await r.followUps.forLead(leadId)).map(followUpView) };
    });
  }

  async addFollowUp(leadId: string, input: FollowUpInput, viewer: Viewer) {
    if (input.nextStep && !input.nextStepOn) throw new DomainError('FOLLOW_UP_INVALID', '请填写下一步的日期（nextStepOn）', [{ field: 'nextStepOn', message: '请填写下一步的日期' }]);
    if (input.nextStepOn && !input.nextStep) throw new DomainError('FOLLOW_UP_INVALID', '请填写下一步要做什么（nextStep）', [{ field: 'nextStep', message: '请填写下一步要做什么' }]);
    if (input.nextStepOn && input.nextStepOn < input.happenedOn)
      throw new DomainError('FOLLOW_UP_INVALID', `下一步日期（${input.nextStepOn}）不能早于跟进日期（${input.happenedOn}）`, [{ field: 'nextStepOn', message: '下一步日期不能早于跟进日期' }]);
    return this.uow.transaction(async (r) => {
      const { side } = await writableWorkLog(this.leads, r, leadId, viewer, '记录跟进');
      const row = await r.followUps.insert({
        id: randomUUID(), lead_id: leadId, side_kind: side.kind, side_id: side.id,
        happened_on: input.happenedOn, kind: input.kind, participants: input.participants, summary: input.summary,
        next_step: input.nextStep ?? null, next_step_on: input.nextStepOn ?? null,
        author: actorName(viewer), author_name: viewer.name,
      });
      await r.leads.addEvent(leadId, 'follow-up', actorName(viewer), { kind: input.kind, happenedOn: input.happenedOn, byName: viewer.name });
      return followUpView(row);
    });
  }

  /** The staff a viewer may name as 责任人: a board's promoters, a park's operators (city-wide: the board or park asked for). */
  async staff(q: { boardId?: string; parkId?: string }, viewer: Viewer) {
    let owner: { boardId: string } | { parkId: string };
    if (viewer.role === 'promoter') owner = { boardId: viewer.boardId! };
    else if (viewer.role === 'park_operator') owner = { parkId: viewer.parkId! };
    else if (isCityWide(viewer) && (q.boardId || q.parkId)) owner = q.boardId ? { boardId: q.boardId } : { parkId: q.parkId! };
    else throw invalid('市科技局查看可指派人员时，请给出 board（板块）或 park（园区）', [{ field: 'board', message: '请给出板块或园区' }]);
    const rows = await this.uow.read((r) => r.users.staffOf(owner));
    return { items: rows.map((u) => ({ id: u.id, name: u.name })) };
  }

  /** Names (or clears, with null) the viewer's desk's 责任人 of a lead; the change is an event in its history. */
  async assign(leadId: string, userId: string | null, viewer: Viewer) {
    return this.uow.transaction(async (r) => {
      const { lead, view } = await this.leads.visible(r, leadId, viewer, { forUpdate: true });
      const side = ownerSide(viewer, { originBoardId: lead.origin_board_id, acceptedParkId: lead.accepted_park_id });
      if (!side) throw new DomainError('OWNER_ASSIGN_FORBIDDEN', '只有来源板块的招商专员或承接园区的运营人员可以指派责任人');
      let ownerName: string | null = null;
      if (userId) {
        const u = await r.users.findById(userId);
        const ok = u && !u.disabled && (side === 'board' ? u.role === 'promoter' && u.board_id === viewer.boardId : u.role === 'park_operator' && u.park_id === viewer.parkId);
        if (!ok) throw new DomainError('OWNER_NOT_STAFF', `责任人须为本${side === 'board' ? '板块' : '园区'}在用的账号`, [{ field: 'userId', message: `请从本${side === 'board' ? '板块' : '园区'}的人员中选择` }]);
        ownerName = u.name;
      }
      const current = side === 'board' ? lead.board_owner_id : lead.park_owner_id;
      if (current !== userId) {
        const before = current ? (await r.users.namesOf([current])).get(current) ?? null : null;
        await r.leads.setOwner(leadId, side, userId);
        await r.leads.addEvent(leadId, 'assigned', actorName(viewer), { side, ownerId: userId, ownerName, previousName: before, byName: viewer.name });
      }
      const updated = { ...lead, board_owner_id: side === 'board' ? userId : lead.board_owner_id, park_owner_id: side === 'park' ? userId : lead.park_owner_id };
      const names = await r.users.namesOf([updated.board_owner_id, updated.park_owner_id].filter((x): x is string => !!x));
      return { owners: ownersOf(updated, view, names) };
    });
  }

  /**
   * Next steps that came due (their date, Asia/Shanghai, is today or past) get one notice in the inbox of the
   * desk that wrote them, and its webhooks (the notify path). Returns how many were reminded.
   */
  async remindDue(now = new Date(), o: { batch?: number } = {}): Promise<number> {
    const batch = o.batch ?? 500;
    const today = chinaDate(now);
    let done = 0;
    for (;;) {
      const n = await this.uow.transaction(async (r) => {
        const due = await r.followUps.claimDue(today, batch);
        await notify(r, due.map((d) => ({
          recipientKind: d.side_kind, recipientId: d.side_id, kind: 'follow-up-due', leadId: d.lead_id,
          title: `线索 ${d.lead_code} 的下一步已到期`,
          body: `${d.next_step_on} 下一步：${d.next_step}（${d.author_name} 记录）`,
        })));
        await r.followUps.markReminded(due.map((d) => d.id), now);
        return due.length;
      });
      done += n;
      if (n < batch) return done;
    }
  }
}

function followUpView(f: FollowUpRow) {
  return {
    id: f.id, leadId: f.lead_id, side: { kind: f.side_kind, id: f.side_id }, happenedOn: f.happened_on, kind: f.kind,
    participants: f.participants, summary: f.summary, nextStep: f.next_step, nextStepOn: f.next_step_on,
    authorName: f.author_name, remindedAt: f.reminded_at, createdAt: f.created_at,
  };
}

/** Looks for due next steps every 10 minutes in the worker. */
@Injectable()
export class FollowUpReminderWatcher extends IntervalWatcher {
  constructor(private readonly work: LeadWorkService) {
    super('FollowUpReminderWatcher', 600_000);
  }
  protected async run() {
    const n = await this.work.remindDue();
    return n ? `reminded ${n} due follow-up steps` : undefined;
  }
}
