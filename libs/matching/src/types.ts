/** Public types of the matching core. Plain data in, plain data out: no I/O anywhere in this library. */

export interface MatchDirection {
  /** The direction as the seed table writes it, e.g. "新材料（铝镁合金、磁性材料）". */
  text: string;
  /** The direction without its bracketed sub-directions, e.g. "新材料". */
  name: string;
  subDirections: string[];
  /** English rendering of the direction. */
  en: string;
}

export interface MatchPark {
  id: string;
  name: string;
  board: string;
  directions: MatchDirection[];
  /** Descriptions of projects the park signed before (learning from outcomes). */
  signedProjects?: string[];
  /** Descriptions of leads the park declined as outside its direction (不符合园区主攻方向): they count against similar leads. */
  declinedProjects?: string[];
}

export interface MatchLead {
  /** Free text in Chinese, English or both. */
  text: string;
  /** Sector declared by the submitter, when known. */
  sector?: string;
  /** Planned investment in 亿元 (not used for similarity). */
  amountCny100m?: number;
  /** Land need in 亩 (not used for similarity). */
  landMu?: number;
}

export type MatchReasonKind = 'sector' | 'term' | 'declared-sector' | 'history' | 'chain';

export interface MatchReason {
  kind: MatchReasonKind;
  /** The park direction (seed text) the reason speaks about. */
  direction: string;
  /** The lead's words (or taxonomy labels for history) behind the reason. */
  terms: string[];
  /** This reason's contribution to the park's score. */
  weight: number;
  /** One Chinese sentence. */
  text: string;
}

export interface ParkMatch {
  parkId: string;
  park: string;
  board: string;
  /** In [0, 1]. */
  score: number;
  /** 1 = best. */
  rank: number;
  reasons: MatchReason[];
  /** Share of the lead's recognised sectors that this park's specialization covers, in [0, 1]. */
  coverage: number;
}

export interface Ranking {
  noFit: boolean;
  /** Taxonomy node label of the lead's main sector (Chinese), null when no sector was recognised. */
  primarySector: string | null;
  /** Every recognised sector of the lead with its share of the lead's evidence, largest first. */
  sectors: { id: string; label: string; share: number; covered: boolean }[];
  /** All parks, best first. */
  ranking: ParkMatch[];
  /** What put the first park ahead of the second: its score, or the tie rule that decided (park-id: nothing else did). */
  topDecidedBy: 'score' | 'concept' | 'lexical' | 'named' | 'focus' | 'history' | 'principal' | 'reach' | 'park-id';
  engineVersion: string;
}

export interface Matcher {
  readonly version: string;
  rank(lead: MatchLead): Ranking;
}

/** One node of the industry taxonomy (产业招商图谱). Arrays may be omitted. */
export interface TaxonomyNode {
  id: string;
  /** Chinese label, also a term. */
  label: string;
  /** English label, also a term. */
  en: string;
  /** Broader nodes (a DAG): a park covering a parent covers its children. */
  parents?: string[];
  /** Park direction names and sub-directions (exact seed wording) this node stands for. */
  covers?: string[];
  /** An umbrella direction (e.g. 新材料): when a park lists sub-directions under it, the umbrella itself counts only partly. */
  broad?: boolean;
  synonyms?: string[];
  components?: string[];
  products?: string[];
  /** Weak evidence: company-description phrases. */
  phrases?: string[];
  english?: string[];
  upstream?: string[];
  downstream?: string[];
  related?: string[];
}

export interface Taxonomy {
  taxonomyVersion: string;
  nodes: TaxonomyNode[];
  stopwords: { zh: string[]; en: string[] };
}
