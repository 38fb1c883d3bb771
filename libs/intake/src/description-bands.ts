/**
 * The duplicate key of a project description: MinHash/LSH bands over its trigrams, so the 项目撞车 search
 * finds its candidates by an indexed equality lookup on band keys (leads.description_bands, a GIN index)
 * instead of comparing a lead with every lead of its sector. Candidates are then confirmed by pg_trgm's
 * `similarity(description, …) ≥ 0.7`, the rule itself: bands only decide which pairs are compared.
 *
 * The trigrams are pg_trgm's (lowercased words of letters and digits, each padded with two spaces in front
 * and one behind), so the MinHash estimates the similarity that confirms. Two descriptions share a band
 * with probability 1 − (1 − s^ROWS)^BANDS for a trigram similarity s: 0.99966 at 0.7, 0.99999 at 0.75, 0.63 at
 * 0.5, 0.046 at 0.3, 0.004 at 0.2 (unrelated descriptions are mostly below 0.2). The number of candidates a lead is
 * compared with grows with the leads on record, so the rate at 0.2–0.4 is what a large history pays for: 32 bands
 * of 4 rows let 5 % of the pairs at 0.2 meet (4.5 × the candidates of 64 × 6 on the load generator's texts, same
 * recall of its pairs at ≥ 0.7). Changing BANDS, ROWS or the hashes changes every stored key: that needs a migration
 * that recomputes the column (as migrations 0019 and 0022 do).
 */
export const DESCRIPTION_BANDS = 64;
export const DESCRIPTION_BAND_ROWS = 6;

/** pg_trgm's trigrams of a text, as strings. */
export function descriptionTrigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const chars = [...`  ${word} `];
    for (let i = 0; i + 3 <= chars.length; i++) out.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  }
  return out;
}

// A module binding, not a global read per call: under jest (each test file in a vm context, whose global reads
// go through interceptors) Math.imul in this loop made the keys of a 100-row chunk take 650 ms instead of 7.
const { imul } = Math;

/** murmur3's 32-bit finaliser: a fast, well-mixed permutation of 32-bit integers. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const HASHES = DESCRIPTION_BANDS * DESCRIPTION_BAND_ROWS;
const SEEDS = Uint32Array.from({ length: HASHES }, (_, i) => mix(0x9e3779b9 + i * 0x7f4a7c15));

/**
 * The band keys of a description (signed 32-bit, for a PostgreSQL integer[]); one per band, the band's
 * number mixed in so equal minimums in different bands do not meet. No trigrams (only punctuation): no keys,
 * as pg_trgm finds such a text similar to nothing.
 */
export function descriptionBands(text: string): number[] {
  const grams = [...descriptionTrigrams(text)].map(fnv1a);
  if (!grams.length) return [];
  const mins = new Uint32Array(HASHES).fill(0xffffffff);
  for (const g of grams) {
    for (let k = 0; k < HASHES; k++) {
      const v = mix(g ^ SEEDS[k]!);
      if (v < mins[k]!) mins[k] = v;
    }
  }
  const keys: number[] = [];
  for (let b = 0; b < DESCRIPTION_BANDS; b++) {
    let h = mix(b + 1);
    for (let r = 0; r < DESCRIPTION_BAND_ROWS; r++) h = mix(h ^ mins[b * DESCRIPTION_BAND_ROWS + r]!);
    keys.push(h | 0);
  }
  return [...new Set(keys)];
}
