import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { configDir } from '#catalog';
import { SETTINGS } from '#core';
import type { Viewer } from '#domain';
import type { LeadInput } from '#intake';
import { JOBS } from '#queues';
import { LEAD_STATUS, OFFER_STATUS, UnitOfWork } from '#persistence';
import type { Settings } from '#settings';
import { DomainError } from '#errors';
import { LeadService } from './lead.service.js';
import { ListingService, type ListingInput } from './listing.service.js';
import { OfferDecisionService } from './offer-decision.service.js';

const DEMO_ACTOR = 'demo-loader';

/**
 * First run: on an empty database, loads config/demo/leads.jsonl and the parks' scenarios, funds and carriers of
 * config/demo/listings.json (each published by its park's operator; DEMO_DATA=false turns both off) and,
 * once they are scored and shared, lets parks accept some and move a few along, so a first-time user
 * sees ranked, shared and accepted leads at once.
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
    this.background = this.acceptSome(ids).catch((e: Error) => this.log.warn(`demo acceptances stopped: ${e.message}`));
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

  private async acceptSome(ids: string[]): Promise<void> {
    const deadline = Date.now() + 10 * 60_000;
    for (;;) {
      if (this.stopped || Date.now() > deadline) return;
      if ((await this.uow.read((r) => r.leads.countWithStatus(ids, LEAD_STATUS.new))) === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const offers = await this.uow.read((r) => r.offers.bestOpenOffers(ids));
    let accepted = 0;
    for (const [i, o] of offers.entries()) {
      if (this.stopped || i % 4 !== 0) continue;
      const operator: Viewer = { id: `demo:${o.park_id}`, username: `operator-${o.park_id}`, name: `${o.park_id} 演示`, role: 'park_operator', parkId: o.park_id };
      // A demo project another board's park already took is a 疑似撞车 (409): the manager's to settle, skip it.
      const took = await this.decisions.accept(o.park_id, o.id, operator).then(() => true, (e: unknown) => {
        if (e instanceof DomainError && e.status === 409) return false;
        throw e;
      });
      if (!took) continue;
      accepted++;
      const steps = i % 12 === 0 ? ['签约', '开工'] : i % 8 === 0 ? ['签约'] : [];
      for (const stage of steps) await this.decisions.moveStage(o.park_id, o.lead_id, stage, operator);
    }
    this.log.log(`demo: ${accepted} offers accepted by their parks`);
  }
}
