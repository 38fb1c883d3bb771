import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Injectable } from '@nestjs/common';
import { actorName, type Viewer } from '#domain';
import { DomainError } from '#errors';
import { ATTACHMENT_LIMITS, ATTACHMENT_TYPES, AttachmentFileError, attachmentFileName, sniffAttachment } from '#intake';
import { UnitOfWork, type AttachmentRow, type Repositories } from '#persistence';
import { LeadService } from './lead.service.js';
import { seenWorkLog, writableWorkLog } from './work-log-access.js';

export interface UploadedAttachment {
  path: string;
  /** The name the browser gave, already decoded to UTF-8. */
  originalName: string;
}

/**
 * Attachments (附件) of a lead or accepted project. Seen and added by the same viewers as its follow-ups
 * (who see the lead in full and work at a desk); removed by the uploader or a promoter of the origin board.
 */
@Injectable()
export class AttachmentService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly leads: LeadService,
  ) {}

  async list(leadId: string, viewer: Viewer) {
    return this.uow.read(async (r) => {
      const { lead } = await this.seen(r, leadId, viewer);
      return { items: (await r.attachments.forLead(leadId)).map((a) => view(a, lead.origin_board_id, viewer)), limits: { maxBytes: ATTACHMENT_LIMITS.maxBytes, maxPerLead: ATTACHMENT_LIMITS.maxPerLead } };
    });
  }

  /** Checks access first (a caller who may not add gets its 403/404 whatever it sent), then the file. */
  async add(leadId: string, file: UploadedAttachment | undefined, viewer: Viewer) {
    await this.uow.read((r) => this.writable(r, leadId, viewer));
    if (!file) throw new DomainError('ATTACHMENT_MISSING', '请在表单字段 file 中选择要上传的文件');
    let type;
    try {
      type = await sniffAttachment(file.path);
    } catch (e) {
      if (!(e instanceof AttachmentFileError)) throw e;
      throw new DomainError(e.reason === 'type' ? 'ATTACHMENT_TYPE_REFUSED' : e.reason === 'too-large' ? 'ATTACHMENT_TOO_LARGE' : 'ATTACHMENT_MISSING', e.message);
    }
    const content = await readFile(file.path);
    const name = attachmentFileName(file.originalName, type);
    return this.uow.transaction(async (r) => {
      const { lead, side } = await this.writable(r, leadId, viewer, { forUpdate: true });
      if ((await r.attachments.countForLead(leadId)) >= ATTACHMENT_LIMITS.maxPerLead)
        throw new DomainError('ATTACHMENT_LIMIT', `每条线索最多 ${ATTACHMENT_LIMITS.maxPerLead} 个附件，请先删除不再需要的附件`);
      const row = await r.attachments.insert({
        id: randomUUID(), lead_id: leadId, file_name: name, file_type: type, media_type: ATTACHMENT_TYPES[type].mediaType,
        size: content.length, sha256: createHash('sha256').update(content).digest('hex'), content,
        side_kind: side.kind, side_id: side.id, uploader: actorName(viewer), uploader_name: viewer.name,
      });
      await r.leads.addEvent(leadId, 'attachment-added', actorName(viewer), { attachmentId: row.id, fileName: name, size: row.size, byName: viewer.name });
      return view(row, lead.origin_board_id, viewer);
    });
  }

  async download(leadId: string, id: string, viewer: Viewer) {
    return this.uow.read(async (r) => {
      await this.seen(r, leadId, viewer);
      const a = await r.attachments.find(leadId, id);
      const content = a && (await r.attachments.content(leadId, id));
      if (!a || !content) throw notFound(id);
      return { fileName: a.file_name, mediaType: a.media_type, content };
    });
  }

  async remove(leadId: string, id: string, viewer: Viewer) {
    return this.uow.transaction(async (r) => {
      const { lead } = await this.writable(r, leadId, viewer, { forUpdate: true });
      const a = await r.attachments.find(leadId, id);
      if (!a) throw notFound(id);
      if (!removes(a, lead.origin_board_id, viewer)) throw new DomainError('ATTACHMENT_DELETE_FORBIDDEN', `附件「${a.file_name}」由 ${a.uploader_name} 上传，只有上传人或来源板块的招商专员可以删除`);
      await r.attachments.delete(leadId, id);
      await r.leads.addEvent(leadId, 'attachment-removed', actorName(viewer), { attachmentId: id, fileName: a.file_name, byName: viewer.name });
      return { id, deleted: true };
    });
  }

  private seen(r: Repositories, leadId: string, viewer: Viewer) {
    return seenWorkLog(this.leads, r, leadId, viewer, '附件');
  }

  private writable(r: Repositories, leadId: string, viewer: Viewer, o: { forUpdate?: boolean } = {}) {
    return writableWorkLog(this.leads, r, leadId, viewer, '上传或删除附件', o);
  }
}

function removes(a: AttachmentRow, originBoardId: string, viewer: Viewer): boolean {
  return a.uploader === actorName(viewer) || (viewer.role === 'promoter' && viewer.boardId === originBoardId);
}

function view(a: AttachmentRow, originBoardId: string, viewer: Viewer) {
  return {
    id: a.id, leadId: a.lead_id, fileName: a.file_name, type: a.file_type, typeLabel: ATTACHMENT_TYPES[a.file_type as keyof typeof ATTACHMENT_TYPES]?.label ?? a.file_type,
    size: a.size, sha256: a.sha256, side: { kind: a.side_kind, id: a.side_id }, uploaderName: a.uploader_name, createdAt: a.created_at,
    canDelete: removes(a, originBoardId, viewer),
  };
}

const notFound = (id: string) => new DomainError('ATTACHMENT_NOT_FOUND', `附件 ${id} 不存在或已删除`);
