export { createMatcher, describeCoverage, describeQualifiers, ENGINE_REVISION, type NodeCoverage } from './matcher.js';
export { DEFAULT_OPTIONS, resolveOptions, type MatchOptions } from './options.js';
export { normalize } from './normalize.js';
export type {
  MatchDirection,
  MatchLead,
  MatchPark,
  MatchReason,
  MatchReasonKind,
  Matcher,
  ParkMatch,
  Ranking,
  Taxonomy,
  TaxonomyNode,
} from './types.js';
export { parksFromCatalog, type CatalogLike } from './catalog-parks.js';
export { learnFromOutcomes, OUTCOMES_PER_PARK, type Outcome } from './learning.js';
