/**
 * Every tunable of the engine, with its default next to it. The score of a park for a lead is
 *
 *   score = conceptWeight · concept + lexicalWeight · lexical + historyWeight · history      (clamped to [0, 1])
 *
 * - concept  = Σ_c w(c) · cov(park, c) / Σ_c w(c): the share of the lead's taxonomy evidence that the park's
 *   specialization covers. w(c) sums, over the lead's matched terms of node c, kindWeights[kind] · repeatDecay^(n-1)
 *   (n-th occurrence of the same term) / (number of nodes the term belongs to); declared-sector evidence is multiplied
 *   by declaredSectorWeight. cov(park, c) is the best over the park's directions of
 *     depthDecay^k                 when c is the direction's node (k = 0) or k levels below it,
 *     ancestorFactor^k             when c is k levels above it (the lead is broader than the park),
 *     chainWeight                  when c is linked to it upstream / downstream / related,
 *   times, for a direction's head word, closedQualifierWeight when its bracketed list narrows it without 等 (a closed
 *   qualifier), else broadDirectionWeight when it is an umbrella (node.broad) with a list (see profile.ts headFactor).
 * - lexical  = cosine between the lead's and the park's TF-IDF vectors over segmented terms (jieba words, Porter
 *   stems); the park document is its directions' Chinese and English text plus its signed projects
 *   (weighted signedProjectLexicalWeight); lead terms absent from every park document are ignored.
 * - history  = Σ_c w(c) · h(c) / Σ_c w(c), h(c) = clamp((n_park(c) − d_park(c)) / historySaturation, −1, 1),
 *   n_park(c) = signed projects of the park whose text evidences node c, d_park(c) = leads it declined as outside its
 *   direction that evidence c (so history may lower a score).
 *
 * noFit: true when the best park covers less than noFitThreshold of the lead's evidence, unless the lead has several
 * strong sectors: some park covers a major one (≥ majorSectorShare of the evidence, at coverage ≥ majorSectorCoverage)
 * and the sectors so covered by some park make up at least noFitThreshold of the evidence; when the lead has no
 * taxonomy evidence at all, true unless some park's lexical similarity reaches noFitLexicalFloor.
 *
 * Ties: score (4 decimals) desc, then concept desc, then lexical desc, then the share of the lead's evidence the park
 * names by a direction or sub-direction (not through an umbrella) desc, then fewer sectors named by its directions and sub-directions (more focused), then history desc, then
 * the share covered through the park's first-listed (main) direction desc, then the narrower reach (Σ of the park's
 * sector coverage over the taxonomy) first, then park id ascending (code-point order).
 */
export interface MatchOptions {
  conceptWeight: number;
  lexicalWeight: number;
  historyWeight: number;
  kindWeights: { label: number; synonym: number; english: number; component: number; product: number; phrase: number };
  repeatDecay: number;
  declaredSectorWeight: number;
  broadDirectionWeight: number;
  /** Head word of a direction whose bracketed list narrows it without 等 (生命健康(合成生物和医美健康)): outside the list. */
  closedQualifierWeight: number;
  /** A park covering this share of a lead's evidence in one sector (at coverage ≥ majorSectorCoverage) is a fit. */
  majorSectorShare: number;
  majorSectorCoverage: number;
  ancestorFactor: number;
  /** Per level below a direction's node: parks naming a sector exactly beat parks covering it through an umbrella. */
  depthDecay: number;
  chainWeight: number;
  /** Weight of nodes found by reading a direction's text when the taxonomy has no `covers` entry for it. */
  fallbackDirectionWeight: number;
  /** Evidence factor for a term found inside a longer unknown Chinese word. */
  substringMatchFactor: number;
  historySaturation: number;
  signedProjectLexicalWeight: number;
  noFitThreshold: number;
  noFitLexicalFloor: number;
  /** Frequency given to taxonomy terms in jieba's dictionary so they stay whole words. */
  dictFrequency: number;
  maxReasonTerms: number;
}

export const DEFAULT_OPTIONS: Readonly<MatchOptions> = Object.freeze({
  conceptWeight: 0.8,
  lexicalWeight: 0.12,
  historyWeight: 0.08,
  kindWeights: Object.freeze({ label: 1, synonym: 1, english: 1, component: 0.85, product: 0.85, phrase: 0.4 }),
  repeatDecay: 0.5,
  declaredSectorWeight: 1.5,
  broadDirectionWeight: 0.4,
  closedQualifierWeight: 0.3,
  majorSectorShare: 0.3,
  majorSectorCoverage: 0.9,
  ancestorFactor: 0.6,
  depthDecay: 0.95,
  chainWeight: 0.35,
  fallbackDirectionWeight: 0.8,
  substringMatchFactor: 0.7,
  historySaturation: 2,
  signedProjectLexicalWeight: 0.5,
  noFitThreshold: 0.5,
  noFitLexicalFloor: 0.3,
  dictFrequency: 300000,
  maxReasonTerms: 6,
}) as Readonly<MatchOptions>;

export function resolveOptions(partial: Partial<MatchOptions> = {}): MatchOptions {
  return {
    ...DEFAULT_OPTIONS,
    ...partial,
    kindWeights: { ...DEFAULT_OPTIONS.kindWeights, ...(partial.kindWeights ?? {}) },
  };
}
