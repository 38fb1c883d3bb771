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
    this.compile();
  }

  // The trie compiled for the scan: node ids, one open-addressing hash of (node, unit code) → child, entries per id.
  // A unit code is the UTF-16 code of a one-character key (a Chinese character, or a one-letter Latin key: both share
  // one slot, as in the Map trie) or 65536 + an id for a longer Latin key.
  private readonly latinIds = new Map<string, number>();
  private nodeEntries: (TermEntry[] | null)[] = [];
  private edgeNode = new Int32Array(0);
  private edgeCode = new Int32Array(0);
  private edgeChild = new Int32Array(0);
  private mask = 0;

  private compile(): void {
    const edges: number[] = [];
    const entries: (TermEntry[] | null)[] = [null];
    const stack: [TrieNode, number][] = [[this.root, 0]];
    entries[0] = this.root.entries;
    while (stack.length) {
      const [t, id] = stack.pop()!;
      if (!t.next) continue;
      for (const [k, c] of t.next) {
        const cid = entries.length;
        entries.push(c.entries);
        edges.push(id, this.unitCode(k, true), cid);
        stack.push([c, cid]);
      }
    }
    let cap = 16;
    while (cap < (edges.length / 3) * 2) cap <<= 1;
    this.mask = cap - 1;
    this.edgeNode = new Int32Array(cap).fill(-1);
    this.edgeCode = new Int32Array(cap);
    this.edgeChild = new Int32Array(cap);
    for (let e = 0; e < edges.length; e += 3) {
      let h = slot(edges[e]!, edges[e + 1]!) & this.mask;
      while (this.edgeNode[h] !== -1) h = (h + 1) & this.mask;
      this.edgeNode[h] = edges[e]!;
      this.edgeCode[h] = edges[e + 1]!;
      this.edgeChild[h] = edges[e + 2]!;
    }
    this.nodeEntries = entries;
  }

  private unitCode(key: string, assign: boolean): number {
    if (key.length === 1) return key.charCodeAt(0);
    let id = this.latinIds.get(key);
    if (id === undefined) {
      if (!assign) return -1;
      id = 65536 + this.latinIds.size;
      this.latinIds.set(key, id);
    }
    return id;
  }

  /** Child of trie node `node` by unit code, -1 when none. */
  private child(node: number, code: number): number {
    if (code < 0) return -1;
    const mask = this.mask;
    for (let h = slot(node, code) & mask; ; h = (h + 1) & mask) {
      const n = this.edgeNode[h]!;
      if (n === -1) return -1;
      if (n === node && this.edgeCode[h] === code) return this.edgeChild[h]!;
    }
  }

  private insert(tokens: Token[], entry: TermEntry): void {
    let t = this.root;
    for (const key of toKeys(tokens)) {
      if (!t.next) t.next = new Map();
      let c = t.next.get(key);
      if (!c) {
        c = { next: null, entries: null };
        t.next.set(key, c);
      }
      t = c;
    }
    (t.entries ??= []).push(entry);
  }

  /**
   * Longest-match scan. Chinese words are walked character by character so a term may end inside a jieba word
   * ("物流分拣|系统" vs "物流|分拣系统"), but a match must START at a jieba word boundary — except inside a long word that
   * is no term itself, where embedded terms count with `substringFactor`.
   */
  match(tokens: readonly Token[], substringFactor: number): Hit[] {
    const hits: Hit[] = [];
    const rootNext = this.root.next;
    if (!rootNext) return hits;
    // units as parallel arrays (reused between calls; n is the live length): key, surface, flags
    // (1 = starts a word, 2 = inside an open word, 4 = Latin)
    const keys = this.unitKeys;
    const surfaces = this.unitSurfaces;
    const flags = this.unitFlags;
    const unitToken = this.unitToken;
    const unitOffset = this.unitOffset;
    const codes = this.unitCodes;
    let n = 0;
    for (let x = 0; x < tokens.length; x++) {
      const tok = tokens[x]!;
      if (tok === BREAK) {
        keys[n] = '\u0000';
        surfaces[n] = '';
        codes[n] = -1;
        flags[n++] = 0;
      } else if (tok.latin) {
        keys[n] = tok.key;
        surfaces[n] = tok.surface;
        codes[n] = this.unitCode(tok.key, false);
        flags[n++] = 5;
      } else {
        const word = this.word(tok.key);
        const chars = word.chars;
        for (let c = 0; c < chars.length; c++) {
          keys[n] = chars[c]!;
          surfaces[n] = chars[c]!;
          unitToken[n] = x;
          unitOffset[n] = c;
          codes[n] = tok.key.charCodeAt(c);
          flags[n++] = c === 0 ? 1 : word.open;
        }
      }
    }
    let i = 0;
    while (i < n) {
      const f = flags[i]!;
      if (f === 0) {
        i++;
        continue;
      }
      let t = this.child(0, codes[i]!);
      let end = -1;
      let entries: TermEntry[] | null = null;
      let j = i;
      while (t >= 0) {
        const e = this.nodeEntries[t]!;
        if (e) {
          end = j;
          entries = e;
        }
        j++;
        if (j >= n) break;
        t = this.child(t, codes[j]!);
      }
      if (entries) {
        let latin = false;
        for (let k = i; k <= end && !latin; k++) latin = (flags[k]! & 4) !== 0;
        let key: string;
        let surface: string;
        if (!latin) {
          // Chinese characters only: the key (= surface) is the characters joined, taken as slices of their words
          key = '';
          for (let k = i; k <= end; ) {
            const tok = unitToken[k]!;
            const word = tokens[tok]!.key;
            let e = k;
            while (e < end && unitToken[e + 1] === tok) e++;
            const from = unitOffset[k]!;
            const to = unitOffset[e]! + 1;
            key += from === 0 && to === word.length ? word : word.substring(from, to);
            k = e + 1;
          }
          surface = key;
        } else {
          key = keys[i]!;
          surface = surfaces[i]!;
          for (let k = i + 1; k <= end; k++) {
            const latin = (flags[k]! & 4) !== 0;
            const prevLatin = (flags[k - 1]! & 4) !== 0;
            key += latin || prevLatin ? ' ' + keys[k]! : keys[k]!;
            surface += latin && prevLatin ? ' ' + surfaces[k]! : surfaces[k]!;
          }
        }
        hits.push({ key, surface, entries, factor: f === 2 ? substringFactor : 1 });
        i = end + 1;
        continue;
      }
      i++;
    }
    return hits;
  }

  private readonly unitKeys: string[] = [];
  private readonly unitSurfaces: string[] = [];
  private readonly unitFlags: number[] = [];
  /** for a Chinese character unit: index of its token and offset in the word */
  private readonly unitToken: number[] = [];
  private readonly unitOffset: number[] = [];
  private readonly unitCodes: number[] = [];
  private readonly words = new Map<string, { chars: string[]; open: number }>();

  /**
   * A Chinese word's characters (as shared one-character strings, their hashes computed once) and whether it is an
   * "open" word (3+ characters, no term as a whole: embedded terms count with the substring factor). Cached per word.
   */
  private word(w: string): { chars: string[]; open: number } {
    let r = this.words.get(w);
    if (r === undefined) {
      const chars: string[] = [];
      for (let c = 0; c < w.length; c++) chars.push(w[c]!);
      r = { chars, open: w.length >= 3 && !this.isTerm(w) ? 2 : 0 };
      if (this.words.size >= 100_000) this.words.clear();
      this.words.set(w, r);
    }
    return r;
  }

  /** Whether a Chinese word is a taxonomy term as a whole. */
  isTerm(word: string): boolean {
    let t: TrieNode | undefined = this.root;
    for (let c = 0; c < word.length && t; c++) t = t.next?.get(word[c]!);
    return t !== undefined && t.entries !== null;
  }
}

function slot(node: number, code: number): number {
  let h = Math.imul(node ^ Math.imul(code, 0x85ebca77), 0x9e3779b1);
  h ^= h >>> 15;
  return h >>> 0;
}

/** Term tokens → trie keys: a Latin token is one key, a Chinese word one key per character. */
function toKeys(tokens: readonly Token[]): string[] {
  const keys: string[] = [];
  for (const tok of tokens) {
    if (tok === BREAK) continue;
    if (tok.latin) keys.push(tok.key);
    else for (let c = 0; c < tok.key.length; c++) keys.push(tok.key[c]!);
  }
  return keys;
}

function dedupeEntries(entries: TermEntry[]): TermEntry[] {
  const best = new Map<number, TermEntry>();
  for (const e of entries) {
    const b = best.get(e.node);
    if (!b || e.weight > b.weight) best.set(e.node, e);
  }
  return [...best.values()].sort((a, b) => a.node - b.node);
}
