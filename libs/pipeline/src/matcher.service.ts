import { Injectable } from '@nestjs/common';
import { loadTaxonomy } from '#catalog';
import { lessonOf, OUTSIDE_DIRECTION } from '#domain';
import { createMatcher, learnFromOutcomes, OUTCOMES_PER_PARK, type Matcher, type MatchPark, type Outcome } from '#matching';
import { UnitOfWork, type OutcomeRow } from '#persistence';

export interface CurrentMatcher {
  matcher: Matcher;
  /** park id → profile version the matcher was built from; stored with every ranking. */
  profileVersions: Record<string, number>;
}

const RECHECK_MS = 2000;

/** The decided offers as the matcher's outcomes, read by the same rule (`lessonOf`) as a replay of history in `npm run eval`. */
function outcomesOf(rows: OutcomeRow[]): Outcome[] {
  const out: Outcome[] = [];
  for (const row of rows) {
    const lesson = lessonOf(row.status, row.decline_reason);
    if (lesson) out.push({ park: row.park_id, lesson, text: row.text, at: row.decided_at ? new Date(row.decided_at).toISOString() : '' });
  }
  return out;
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
  private cached?: CurrentMatcher & { key: string; checkedAt: number; outcomes: Outcome[] };
  private building?: Promise<CurrentMatcher & { key: string; checkedAt: number; outcomes: Outcome[] }>;

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
    return createMatcher(learnFromOutcomes(parks, this.cached?.outcomes ?? []), this.taxonomy);
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
    const outcomes = outcomesOf(rows);
    const matchParks: MatchPark[] = parks.map((p) => ({ id: p.id, name: p.name, board: p.board.id, directions: p.directions }));
    this.cached = { matcher: createMatcher(learnFromOutcomes(matchParks, outcomes, { perPark: OUTCOMES_PER_PARK }), this.taxonomy), profileVersions, key, checkedAt: Date.now(), outcomes };
    return this.cached;
  }
}
