import { Inject, Injectable } from '@nestjs/common';
import { loadTaxonomy } from '#catalog';
import { createMatcher, type Matcher, type MatchPark } from '#matching';
import { UnitOfWork } from '#persistence';

export interface CurrentMatcher {
  matcher: Matcher;
  /** park id → profile version the matcher was built from; stored with every ranking. */
  profileVersions: Record<string, number>;
}

const RECHECK_MS = 2000;

/**
 * The matcher built from the current park profiles and the taxonomy. Rebuilt when a profile
 * version changes (the yearly revision); checked at most every two seconds.
 */
@Injectable()
export class MatcherService {
  private readonly taxonomy = loadTaxonomy();
  private cached?: CurrentMatcher & { key: string; checkedAt: number };
  private building?: Promise<CurrentMatcher & { key: string; checkedAt: number }>;

  constructor(private readonly uow: UnitOfWork) {}

  async current(): Promise<CurrentMatcher> {
    if (this.cached && Date.now() - this.cached.checkedAt < RECHECK_MS) return this.cached;
    this.building ??= this.build().finally(() => (this.building = undefined));
    return this.building;
  }

  /** A matcher for proposed profiles (the editor's preview), not cached. */
  forProfiles(parks: MatchPark[]): Matcher {
    return createMatcher(parks, this.taxonomy);
  }

  private async build() {
    const parks = await this.uow.read((r) => r.parks.listParks());
    const profileVersions = Object.fromEntries(parks.map((p) => [p.id, p.currentVersion]));
    const key = JSON.stringify(profileVersions);
    if (this.cached && this.cached.key === key) {
      this.cached.checkedAt = Date.now();
      return this.cached;
    }
    const matchParks: MatchPark[] = parks.map((p) => ({ id: p.id, name: p.name, board: p.board.id, directions: p.directions }));
    this.cached = { matcher: createMatcher(matchParks, this.taxonomy), profileVersions, key, checkedAt: Date.now() };
    return this.cached;
  }
}
