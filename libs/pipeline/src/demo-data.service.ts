import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { configDir } from '#catalog';
import { SETTINGS } from '#core';
import type { DeclineReason, Viewer } from '#domain';
import type { LeadInput } from '#intake';
import { JOBS } from '#queues';
import { LEAD_STATUS, OFFER_STATUS, UnitOfWork } from '#persistence';
import type { Settings } from '#settings';
import { DomainError } from '#errors';
import { LeadService } from './lead.service.js';
import { ListingService, type ListingInput } from './listing.service.js';
import { OfferDecisionService } from './offer-decision.service.js';

const DEMO_ACTOR = 'demo-loader';

/** A line of config/demo/history.jsonl (scripts/make-demo-history.mjs), in the order of leads.jsonl. */
export interface DemoHistoryLine {
  company: string;
  /** YYYY-MM-DD */
  reported: string;
  outcomes: { park: string; decision: 'accepted' | 'declined'; reason?: DeclineReason; stage?: '签约' | '开工'; date: string }[];
}

/**
 * First run: on an empty database, loads config/demo/leads.jsonl and the parks' scenarios, funds and carriers of
 * config/demo/listings.json (each published by its park's operator; DEMO_DATA=false turns both off) and,
 * once they are scored and shared, lets the parks decide as config/demo/history.jsonl says, so a first-time user
 * sees ranked, shared, accepted and declined leads at once and the matcher has outcomes to learn from.
 */
@Injectable()
export class DemoDataService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('DemoData');
  private stopped = false;
  private background?: Promise<void>;

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly leads: LeadService,
    private readonly decisions: OfferDecisionService,
    private readonly listings: ListingService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.DEMO_DATA) return;
    if (await this.uow.read((r) => r.leads.any())) return;
    const ids = await this.load();
    const listings = await this.loadListings();
    this.log.log(`loaded ${ids.length} demo leads and ${listings} listings (DEMO_DATA=false turns this off)`);
    this.background = this.applyHistory(ids).catch((e: Error) => this.log.warn(`demo acceptances stopped: ${e.message}`));
  }

  /** Resolves when the demo history has been applied (at once when there was nothing to load). */
  async settled(): Promise<void> {
    await this.background;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.background;
  }

  private async load(): Promise<string[]> {
    const raw = readFileSync(join(configDir(), 'demo', 'leads.jsonl'), 'utf8').split('\n').filter(Boolean);
    const valid: LeadInput[] = [];
    for (const line of raw) valid.push(await this.leads.validate(JSON.parse(line)));
    const ids = await this.uow.transaction(async (r) => {
      const inserted = await r.leads.insertMany(valid.map((l) => this.leads.toNewLead(l)));
      await r.leads.addEvents(inserted.map((l) => ({ leadId: l.id, kind: 'created', actor: DEMO_ACTOR })));
      await r.outbox.addMany(JOBS.scoreLead, inserted.map((l) => ({ leadId: l.id, scoringRound: 0 })));
      return inserted.map((l) => l.id);
    });
    return ids;
  }

  private async loadListings(): Promise<number> {
    const all = JSON.parse(readFileSync(join(configDir(), 'demo', 'listings.json'), 'utf8')) as (ListingInput & { park: string })[];
    for (const l of all) await this.listings.create(l, { id: `demo:${l.park}`, username: `operator-${l.park}`, name: `${l.park} 演示`, role: 'park_operator', parkId: l.park });
    return all.length;
  }

  /**
   * The parks' decisions of config/demo/history.jsonl (twelve months of where these projects went), taken through
   * the parks' own accept / decline / stage calls once the leads are scored, so the platform learns from them as
   * from real outcomes. A decision on a park the platform did not offer the lead to has no offer to act on here
   * (it still counts in `npm run eval`'s replay of the same history).
   */
  private async applyHistory(ids: string[]): Promise<void> {
    const deadline = Date.now() + 10 * 60_000;
    for (;;) {
      if (this.stopped || Date.now() > deadline) return;
      if ((await this.uow.read((r) => r.leads.countWithStatus(ids, LEAD_STATUS.new))) === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const history = readFileSync(join(configDir(), 'demo', 'history.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as DemoHistoryLine);
    // RETURNING gives the rows in the order inserted; a short insert (a conflict) would misplace the history.
    if (history.length !== ids.length) return this.log.warn(`demo history has ${history.length} lines for ${ids.length} leads: not applied`);
    const offers = await this.uow.read((r) => r.offers.forLeads(ids));
    const decisions = history
      .flatMap((h, i) => h.outcomes.map((o) => ({ ...o, leadId: ids[i]! })))
      .sort((a, b) => a.date.localeCompare(b.date));
    let accepted = 0, declined = 0;
    for (const d of decisions) {
      if (this.stopped) return;
      const offer = offers.get(d.leadId)?.find((o) => o.park_id === d.park && o.status === OFFER_STATUS.open);
      if (!offer) continue;
      const operator: Viewer = { id: `demo:${d.park}`, username: `operator-${d.park}`, name: `${d.park} 演示`, role: 'park_operator', parkId: d.park };
      // A lead another park took meanwhile, or a 疑似撞车 (409, the manager's to settle): skip it.
      const done = await (d.decision === 'accepted' ? this.decisions.accept(d.park, offer.id, operator) : this.decisions.decline(d.park, offer.id, operator, d.reason ?? 'other')).then(
        () => true,
        (e: unknown) => {
          if (e instanceof DomainError && e.status === 409) return false;
          throw e;
        },
      );
      if (!done) continue;
      if (d.decision === 'declined') {
        declined++;
        continue;
      }
      accepted++;
      const steps = d.stage === '开工' ? ['签约', '开工'] : d.stage === '签约' ? ['签约'] : [];
      for (const stage of steps) await this.decisions.moveStage(d.park, d.leadId, stage, operator);
    }
    this.log.log(`demo: ${accepted} offers accepted and ${declined} declined by their parks (config/demo/history.jsonl)`);
  }
}
