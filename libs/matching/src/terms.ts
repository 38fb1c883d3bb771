/**
 * Step 3 — terms: turn jieba's tokens into term keys. English words are Porter-stemmed (natural), function words
 * dropped; punctuation becomes a break that no multi-word term can span; bare numbers vanish. Chinese words stay
 * as they are. The same step processes the taxonomy's terms, so both sides meet on identical keys.
 */
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

/** A processed token: its key (stem for English) and the text it came from. BREAK separates phrases. */
export interface Token {
  readonly key: string;
  readonly surface: string;
  readonly latin: boolean;
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

/**
 * What one raw jieba token becomes: a Token, BREAK (punctuation) or null (whitespace, bare numbers, function words).
 * It depends on the word alone, so it is cached per word (bounded, like the stem cache): real text repeats its words
 * (Zipf), not whole leads, and a cached word saves the regex tests, the stem lookup and one object per token.
 */
function classify(w: string): Token | null {
  if (SPACE_RE.test(w)) return null;
  if (LATIN_RE.test(w)) {
    if (DIGITS_RE.test(w)) return null;
    const clean = w.replace(/[.']+$/, '');
    if (clean.length === 0 || FUNCTION_WORDS.has(clean)) return null;
    return Object.freeze({ key: stem(clean), surface: w, latin: true });
  }
  if (isCjk(w)) return Object.freeze({ key: w, surface: w, latin: false });
  return BREAK;
}

const tokenCache = new Map<string, Token | null>();
const TOKEN_CACHE_LIMIT = 50_000;

/** Raw jieba tokens → processed tokens (with BREAK markers, never two in a row nor one first). Tokens are shared, read-only. */
export function toTokens(raw: readonly string[], out: Token[] = []): Token[] {
  out.length = 0;
  for (let i = 0; i < raw.length; i++) {
    const w = raw[i]!;
    let t = tokenCache.get(w);
    if (t === undefined) {
      t = classify(w);
      if (tokenCache.size >= TOKEN_CACHE_LIMIT) tokenCache.clear();
      tokenCache.set(w, t);
    }
    if (t === null) continue;
    if (t !== BREAK) out.push(t);
    else if (out.length > 0 && out[out.length - 1] !== BREAK) out.push(BREAK);
  }
  return out;
}
