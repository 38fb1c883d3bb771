import { Injectable } from '@nestjs/common';
import { loadTaxonomy } from '#catalog';
import type { DeclineReason } from '#domain';
import { createMatcher, type Matcher, type MatchPark } from '#matching';
import { UnitOfWork } from '#persistence';

export interface CurrentMatcher {
  matcher: Matcher;
  /** park id → profile version the matcher was built from; stored with every ranking. */
  profileVersions: Record<string, number>;
}

const RECHECK_MS = 2000;
/** Learning from outcomes: a decline with this reason counts against similar leads for the park. */
export const OUTSIDE_DIRECTION: DeclineReason = 'not_in_specialization';
/** Newest outcomes of each kind per park the matcher learns from (keeps a build cheap as history grows). */
export const OUTCOMES_PER_PARK = 200;

interface Outcomes {
  taken: Record<string, string[]>;
  declined: Record<string, string[]>;
}

/**
 * The matcher built from the current park profiles, the parks' outcomes (accepted projects feed a park's profile,
 * leads declined as outside its direction count against similar ones) and the taxonomy. Rebuilt only when a
 * profile version or the outcome fingerprint changes; checked at most every two seconds, or at once after a
 * decision in this process (`outcomesChanged`).
 */
@Injectable()
export class MatcherService {
  private readonly taxonomy = loadTaxonomy();
  private cached?: CurrentMatcher & { key: string; checkedAt: number; outcomes: Outcomes };
  private building?: Promise<CurrentMatcher & { key: string; checkedAt: number; outcomes: Outcomes }>;

  constructor(private readonly uow: UnitOfWork) {}

  async current(): Promise<CurrentMatcher> {
    if (this.cached && Date.now() - this.cached.checkedAt < RECHECK_MS) return this.cached;
    this.building ??= this.build().finally(() => (this.building = undefined));
    return this.building;
  }

  /** An offer was accepted or declined here: the next `current()` checks the outcome fingerprint. */
  outcomesChanged(): void {
    if (this.cached) this.cached.checkedAt = 0;
  }

  /** A matcher for proposed profiles (the editor's preview) with the outcomes learnt so far, not cached. */
  forProfiles(parks: MatchPark[]): Matcher {
    return createMatcher(this.withOutcomes(parks, this.cached?.outcomes), this.taxonomy);
  }

  private withOutcomes(parks: MatchPark[], o: Outcomes | undefined): MatchPark[] {
    if (!o) return parks;
    return parks.map((p) => ({
      ...p,
      ...(o.taken[p.id]?.length ? { signedProjects: o.taken[p.id] } : {}),
      ...(o.declined[p.id]?.length ? { declinedProjects: o.declined[p.id] } : {}),
    }));
  }

  private async build() {
    const [parks, fingerprint] = await this.uow.read(async (r) => [await r.parks.listParks(), await r.outcomes.fingerprint(OUTSIDE_DIRECTION)] as const);
    const profileVersions = Object.fromEntries(parks.map((p) => [p.id, p.currentVersion]));
    const key = JSON.stringify(profileVersions) + '|' + fingerprint;
    if (this.cached && this.cached.key === key) {
      this.cached.checkedAt = Date.now();
      return this.cached;
    }
    const rows = await this.uow.read((r) => r.outcomes.forMatcher(OUTSIDE_DIRECTION, OUTCOMES_PER_PARK));
    const outcomes: Outcomes = { taken: {}, declined: {} };
    for (const row of rows) (outcomes[row.kind][row.park_id] ??= []).push(row.text);
    const matchParks: MatchPark[] = parks.map((p) => ({ id: p.id, name: p.name, board: p.board.id, directions: p.directions }));
    this.cached = { matcher: createMatcher(this.withOutcomes(matchParks, outcomes), this.taxonomy), profileVersions, key, checkedAt: Date.now(), outcomes };
    return this.cached;
  }
}
