import { sql, type Kysely } from 'kysely';

/**
 * The benefit-sharing ledger (利益共享, issue 6): one row per record version, its append-only history and the
 * project's indicator values. The rules that make the ledger trustworthy are kept by the data too, not only by
 * the service: a record needs an accepted offer of a lead taken across boards; split shares add up to 10000 bp;
 * an approved record never changes except for its one-time 签约 stamp; every update bumps the revision by one;
 * history rows are never updated or deleted.
 */

const INDICATORS = ['signed_amount', 'funds_in_place', 'fixed_asset_investment', 'output_value', 'tax'];
const ISO_DATE = `'^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sharing_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('lineage_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('supersedes', 'text', (c) => c.references('sharing_records.id'))
    .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision >= 1`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('proposed', 'confirmed', 'approved', 'rejected', 'effective')`))
    .addColumn('offer_id', 'text', (c) => c.notNull().references('offers.id'))
    .addColumn('lead_id', 'text', (c) => c.notNull().references('leads.id'))
    .addColumn('project_name', 'text', (c) => c.notNull())
    .addColumn('origin_board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('receiving_park_id', 'text', (c) => c.notNull().references('parks.id'))
    .addColumn('receiving_board_id', 'text', (c) => c.notNull().references('boards.id'))
    .addColumn('terms', 'jsonb', (c) => c.notNull())
    .addColumn('proposed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('proposed_by', 'jsonb', (c) => c.notNull())
    .addColumn('origin_confirmation', 'jsonb')
    .addColumn('receiver_confirmation', 'jsonb')
    .addColumn('decision', 'jsonb')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('signed_on', 'text', (c) => c.check(sql.raw(`signed_on ~ ${ISO_DATE}`)))
    .addColumn('amendment_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('sharing_records_lineage_version', ['lineage_id', 'version'])
    .addCheckConstraint('sharing_records_cross_board', sql`origin_board_id <> receiving_board_id`)
    .addCheckConstraint('sharing_records_version_links', sql`(version = 1 and supersedes is null and lineage_id = id) or (version > 1 and supersedes is not null)`)
    .addCheckConstraint(
      'sharing_records_split_full',
      sql.raw(
        INDICATORS.map(
          (i) =>
            // coalesce: a missing mode or share must fail the check, not pass it as NULL
            `coalesce(terms->'credit'->'${i}'->>'mode' = 'double' or (terms->'credit'->'${i}'->>'mode' = 'split' and ` +
            `(terms->'credit'->'${i}'->>'originBp')::numeric >= 0 and (terms->'credit'->'${i}'->>'receiverBp')::numeric >= 0 and ` +
            `(terms->'credit'->'${i}'->>'originBp')::numeric + (terms->'credit'->'${i}'->>'receiverBp')::numeric = 10000), false)`,
        ).join(' and '),
      ),
    )
    .execute();
  // One agreement per accepted offer.
  await sql`create unique index sharing_records_offer on sharing_records (offer_id) where version = 1`.execute(db);
  await db.schema.createIndex('sharing_records_origin').on('sharing_records').columns(['origin_board_id', 'proposed_at']).execute();
  await db.schema.createIndex('sharing_records_receiving').on('sharing_records').columns(['receiving_board_id', 'proposed_at']).execute();
  await db.schema.createIndex('sharing_records_park').on('sharing_records').columns(['receiving_park_id', 'proposed_at']).execute();
  await db.schema.createIndex('sharing_records_lead').on('sharing_records').column('lead_id').execute();

  // No record without an accepted offer of a lead taken across boards; an amendment follows an approved version.
  await sql`
    create function sharing_records_check_origin() returns trigger language plpgsql as $$
    declare
      o record;
      prev record;
    begin
      select offers.status, offers.lead_id, offers.park_id, parks.board_id as park_board, leads.origin_board_id, leads.status as lead_status
        into o
        from offers join parks on parks.id = offers.park_id join leads on leads.id = offers.lead_id
        where offers.id = new.offer_id;
      if not found then
        raise exception 'sharing record %: offer % does not exist', new.id, new.offer_id using errcode = '23514';
      end if;
      if o.status <> 'accepted' or o.lead_status <> 'accepted' then
        raise exception 'sharing record %: offer % is not accepted', new.id, new.offer_id using errcode = '23514';
      end if;
      if o.lead_id <> new.lead_id or o.park_id <> new.receiving_park_id or o.park_board <> new.receiving_board_id
         or o.origin_board_id <> new.origin_board_id then
        raise exception 'sharing record %: parties do not match offer %', new.id, new.offer_id using errcode = '23514';
      end if;
      if o.park_board = o.origin_board_id then
        raise exception 'sharing record %: lead stayed inside board %', new.id, o.origin_board_id using errcode = '23514';
      end if;
      if new.version > 1 then
        select * into prev from sharing_records where id = new.supersedes;
        if not found or prev.lineage_id <> new.lineage_id or prev.version <> new.version - 1
           or prev.status not in ('approved', 'effective') or prev.offer_id <> new.offer_id then
          raise exception 'sharing record %: an amendment must follow the approved previous version', new.id using errcode = '23514';
        end if;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger sharing_records_origin before insert on sharing_records for each row execute function sharing_records_check_origin()`.execute(db);

  // Compare-and-set discipline and immutability of approved agreements.
  await sql`
    create function sharing_records_check_update() returns trigger language plpgsql as $$
    begin
      if new.revision <> old.revision + 1 then
        raise exception 'sharing record %: revision must go from % to %', old.id, old.revision, old.revision + 1 using errcode = '40001';
      end if;
      if (new.id, new.lineage_id, new.version, new.supersedes, new.offer_id, new.lead_id, new.origin_board_id, new.submitted_by,
          new.receiving_park_id, new.receiving_board_id, new.proposed_at, new.proposed_by, new.amendment_reason)
         is distinct from
         (old.id, old.lineage_id, old.version, old.supersedes, old.offer_id, old.lead_id, old.origin_board_id, old.submitted_by,
          old.receiving_park_id, old.receiving_board_id, old.proposed_at, old.proposed_by, old.amendment_reason) then
        raise exception 'sharing record %: parties and version links never change', old.id using errcode = '23514';
      end if;
      if old.status in ('approved', 'effective') then
        if not (old.status = 'approved' and new.status = 'effective' and old.signed_on is null and new.signed_on is not null
                and (new.terms, new.origin_confirmation, new.receiver_confirmation, new.decision, new.decided_at)
                    is not distinct from (old.terms, old.origin_confirmation, old.receiver_confirmation, old.decision, old.decided_at)) then
          raise exception 'sharing record % is % and cannot be changed', old.id, old.status using errcode = '23514';
        end if;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger sharing_records_update before update on sharing_records for each row execute function sharing_records_check_update()`.execute(db);
  await sql`
    create function sharing_refuse_delete() returns trigger language plpgsql as $$
    begin
      raise exception '% rows are never deleted or rewritten', tg_table_name using errcode = '23514';
    end $$`.execute(db);
  await sql`create trigger sharing_records_no_delete before delete on sharing_records for each row execute function sharing_refuse_delete()`.execute(db);

  await db.schema
    .createTable('sharing_history')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull().references('sharing_records.id'))
    .addColumn('lineage_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor', 'jsonb', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // One entry per revision: two writers of the same revision cannot both succeed, and gaps show.
    .addUniqueConstraint('sharing_history_record_revision', ['record_id', 'revision'])
    .execute();
  await db.schema.createIndex('sharing_history_lineage').on('sharing_history').columns(['lineage_id', 'id']).execute();
  await sql`create trigger sharing_history_append_only before update or delete on sharing_history for each row execute function sharing_refuse_delete()`.execute(db);

  // The project's indicator values (元) per period, entered by the receiving park or the manager. Kept per
  // agreement (lineage), so an amendment does not lose them; a correction replaces the value and keeps who and when.
  await db.schema
    .createTable('sharing_indicator_values')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('lineage_id', 'text', (c) => c.notNull().references('sharing_records.id'))
    .addColumn('indicator', 'text', (c) => c.notNull().check(sql.raw(`indicator in (${INDICATORS.map((i) => `'${i}'`).join(', ')})`)))
    .addColumn('period_from', 'text', (c) => c.notNull().check(sql.raw(`period_from ~ ${ISO_DATE}`)))
    .addColumn('period_to', 'text', (c) => c.notNull().check(sql.raw(`period_to ~ ${ISO_DATE}`)))
    .addColumn('amount_yuan', 'bigint', (c) => c.notNull().check(sql`amount_yuan >= 0`))
    .addColumn('note', 'text')
    .addColumn('entered_by', 'jsonb', (c) => c.notNull())
    .addColumn('entered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('previous_amount_yuan', 'bigint')
    .addUniqueConstraint('sharing_indicator_values_key', ['lineage_id', 'indicator', 'period_from', 'period_to'])
    .addCheckConstraint('sharing_indicator_values_period', sql`period_from <= period_to`)
    .execute();
  await db.schema.createIndex('sharing_indicator_values_period').on('sharing_indicator_values').columns(['period_from', 'period_to']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sharing_indicator_values').execute();
  await db.schema.dropTable('sharing_history').execute();
  await db.schema.dropTable('sharing_records').execute();
  await sql`drop function sharing_refuse_delete()`.execute(db);
  await sql`drop function sharing_records_check_update()`.execute(db);
  await sql`drop function sharing_records_check_origin()`.execute(db);
}
