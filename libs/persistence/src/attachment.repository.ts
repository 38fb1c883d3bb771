import type { Insertable, Selectable } from 'kysely';
import type { Executor } from './executor.js';
import type { LeadAttachmentTable } from './schema.js';

export type AttachmentRow = Omit<Selectable<LeadAttachmentTable>, 'content'>;
export type NewAttachment = Insertable<LeadAttachmentTable>;

const LISTED = ['id', 'lead_id', 'file_name', 'file_type', 'media_type', 'size', 'sha256', 'side_kind', 'side_id', 'uploader', 'uploader_name', 'created_at'] as const;

/** A lead's attachments; lists never read the bytes, only a download does. */
export class AttachmentRepository {
  constructor(private readonly db: Executor) {}

  insert(row: NewAttachment): Promise<AttachmentRow> {
    return this.db.insertInto('lead_attachments').values(row).returning(LISTED).executeTakeFirstOrThrow();
  }

  /** Newest first. */
  forLead(leadId: string): Promise<AttachmentRow[]> {
    return this.db.selectFrom('lead_attachments').select(LISTED).where('lead_id', '=', leadId).orderBy('created_at', 'desc').orderBy('id').execute();
  }

  async countForLead(leadId: string): Promise<number> {
    const r = await this.db.selectFrom('lead_attachments').select((eb) => eb.fn.countAll<string>().as('n')).where('lead_id', '=', leadId).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  find(leadId: string, id: string): Promise<AttachmentRow | undefined> {
    return this.db.selectFrom('lead_attachments').select(LISTED).where('lead_id', '=', leadId).where('id', '=', id).executeTakeFirst();
  }

  async content(leadId: string, id: string): Promise<Buffer | undefined> {
    const r = await this.db.selectFrom('lead_attachments').select('content').where('lead_id', '=', leadId).where('id', '=', id).executeTakeFirst();
    return r ? Buffer.from(r.content) : undefined;
  }

  async delete(leadId: string, id: string): Promise<void> {
    await this.db.deleteFrom('lead_attachments').where('lead_id', '=', leadId).where('id', '=', id).execute();
  }
}
