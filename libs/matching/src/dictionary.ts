/**
 * The term dictionary: every taxonomy term, processed by the same normalize → segment → terms steps as a lead, stored
 * in a trie keyed by token keys so that multi-word terms ("silicon carbide", "mini led") match token sequences.
 */
import type { Segmenter } from './segment.js';
import { normalize } from './normalize.js';
import { toTokens, BREAK, type Token } from './terms.js';
import type { MatchOptions } from './options.js';
import type { TaxonomyNode } from './types.js';

export type TermKind = keyof MatchOptions['kindWeights'];

export interface TermEntry {
  node: number;
  kind: TermKind;
  weight: number;
}

export interface TrieNode {
  next: Map<string, TrieNode> | null;
  entries: TermEntry[] | null;
}

export interface Hit {
  /** Key of the matched term (token keys joined by a space). */
  key: string;
  surface: string;
  entries: TermEntry[];
  factor: number;
}

const KIND_FIELDS: [TermKind, keyof TaxonomyNode][] = [
  ['synonym', 'synonyms'],
  ['component', 'components'],
  ['product', 'products'],
  ['phrase', 'phrases'],
  ['english', 'english'],
];

/** All raw term strings of the taxonomy with their kinds (label and English label included). */
export function taxonomyTerms(nodes: readonly TaxonomyNode[]): { node: number; kind: TermKind; text: string }[] {
  const out: { node: number; kind: TermKind; text: string }[] = [];
  nodes.forEach((n, i) => {
    out.push({ node: i, kind: 'label', text: n.label });
    out.push({ node: i, kind: 'english', text: n.en });
    for (const [kind, field] of KIND_FIELDS) for (const t of (n[field] as string[] | undefined) ?? []) out.push({ node: i, kind, text: t });
  });
  return out;
}

export class TermDictionary {
  readonly root: TrieNode = { next: null, entries: null };
  /** Single-token CJK terms, for the substring fallback inside unknown long words. */
  readonly cjkSingles = new Map<string, TermEntry[]>();
  maxCjkLength = 0;

  constructor(
    nodes: readonly TaxonomyNode[],
    segmenter: Segmenter,
    kindWeights: MatchOptions['kindWeights'],
  ) {
    for (const { node, kind, text } of taxonomyTerms(nodes)) {
      const tokens = toTokens(segmenter.cut(normalize(text))).filter((t) => t !== BREAK);
      if (tokens.length === 0) continue;
      this.insert(tokens, { node, kind, weight: kindWeights[kind] });
    }
    // one entry per node per term: keep the strongest kind
    const dedupe = (t: TrieNode): void => {
      if (t.entries) t.entries = dedupeEntries(t.entries);
      if (t.next) for (const c of t.next.values()) dedupe(c);
    };
    dedupe(this.root);
    for (const [k, v] of this.root.next ?? []) {
      if (v.entries && /^[\u3400-\u9fff]+$/.test(k)) {
        this.cjkSingles.set(k, v.entries);
        this.maxCjkLength = Math.max(this.maxCjkLength, k.length);
      }
    }
  }

  private insert(tokens: Token[], entry: TermEntry): void {
    let t = this.root;
    for (const tok of tokens) {
      if (!t.next) t.next = new Map();
      let c = t.next.get(tok.key);
      if (!c) {
        c = { next: null, entries: null };
        t.next.set(tok.key, c);
      }
      t = c;
    }
    (t.entries ??= []).push(entry);
  }

  /** Longest-match scan of the token stream; unknown long Chinese words are searched for embedded terms. */
  match(tokens: readonly Token[], substringFactor: number): Hit[] {
    const hits: Hit[] = [];
    const rootNext = this.root.next;
    if (!rootNext) return hits;
    let i = 0;
    while (i < tokens.length) {
      let t = rootNext.get(tokens[i]!.key);
      let end = -1;
      let entries: TermEntry[] | null = null;
      let j = i;
      while (t) {
        if (t.entries) {
          end = j;
          entries = t.entries;
        }
        j++;
        if (j >= tokens.length || !t.next) break;
        t = t.next.get(tokens[j]!.key);
      }
      if (entries) {
        let key = tokens[i]!.key;
        let surface = tokens[i]!.surface;
        for (let k = i + 1; k <= end; k++) {
          key += ' ' + tokens[k]!.key;
          surface += (tokens[k]!.latin && tokens[k - 1]!.latin ? ' ' : '') + tokens[k]!.surface;
        }
        hits.push({ key, surface, entries, factor: 1 });
        i = end + 1;
        continue;
      }
      const tok = tokens[i]!;
      if (!tok.latin && tok.key.length >= 3) this.substrings(tok.key, substringFactor, hits);
      i++;
    }
    return hits;
  }

  private substrings(word: string, factor: number, hits: Hit[]): void {
    let s = 0;
    while (s < word.length - 1) {
      let found = 0;
      for (let len = Math.min(this.maxCjkLength, word.length - s); len >= 2; len--) {
        if (len === word.length) continue;
        const sub = word.substr(s, len);
        const entries = this.cjkSingles.get(sub);
        if (entries) {
          hits.push({ key: sub, surface: sub, entries, factor });
          found = len;
          break;
        }
      }
      s += found > 0 ? found : 1;
    }
  }
}

function dedupeEntries(entries: TermEntry[]): TermEntry[] {
  const best = new Map<number, TermEntry>();
  for (const e of entries) {
    const b = best.get(e.node);
    if (!b || e.weight > b.weight) best.set(e.node, e);
  }
  return [...best.values()].sort((a, b) => a.node - b.node);
}
