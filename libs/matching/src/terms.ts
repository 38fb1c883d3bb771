/**
 * Step 3 — terms: turn jieba's tokens into term keys. English words are Porter-stemmed (natural), function words
 * dropped; punctuation becomes a break that no multi-word term can span; bare numbers vanish. Chinese words stay
 * as they are. The same step processes the taxonomy's terms, so both sides meet on identical keys.
 */
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

/** A processed token: its key (stem for English) and the text it came from. BREAK separates phrases. */
export interface Token {
  key: string;
  surface: string;
  latin: boolean;
}

export const BREAK: Token = Object.freeze({ key: '\u0000', surface: '', latin: false });

const FUNCTION_WORDS = new Set(['of', 'the', 'a', 'an', 'and', '&', 'or', 'for', 'to', 'with', 'in', 'on', 'by', 'from', 'at', 'as', 'is', 'are', 'its', 'their', 'into', 'that', 'which', 'this']);
const LATIN_RE = /^[a-z0-9][a-z0-9.+#']*$/;
const DIGITS_RE = /^[0-9.,]+$/;
const SPACE_RE = /^\s+$/;
const CJK_RE = /[\u3400-\u9fff]/;

const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 50_000;

export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = word.length <= 3 ? word : PorterStemmer.stem(word);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

export function isCjk(word: string): boolean {
  return CJK_RE.test(word);
}

/** Raw jieba tokens → processed tokens (with BREAK markers). */
export function toTokens(raw: readonly string[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < raw.length; i++) {
    const w = raw[i]!;
    if (SPACE_RE.test(w)) continue;
    if (LATIN_RE.test(w)) {
      if (DIGITS_RE.test(w)) continue;
      const clean = w.replace(/[.']+$/, '');
      if (clean.length === 0 || FUNCTION_WORDS.has(clean)) continue;
      out.push({ key: stem(clean), surface: w, latin: true });
    } else if (isCjk(w)) {
      out.push({ key: w, surface: w, latin: false });
    } else if (out.length > 0 && out[out.length - 1] !== BREAK) {
      out.push(BREAK);
    }
  }
  return out;
}
