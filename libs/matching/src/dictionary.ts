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
  }

  private insert(tokens: Token[], entry: TermEntry): void {
    let t = this.root;
    for (const unit of toUnits(tokens)) {
      if (!t.next) t.next = new Map();
      let c = t.next.get(unit.key);
      if (!c) {
        c = { next: null, entries: null };
        t.next.set(unit.key, c);
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
    const units = toUnits(tokens, this);
    let i = 0;
    while (i < units.length) {
      const u = units[i]!;
      const open = !u.boundary && u.openToken;
      if (!u.boundary && !open) {
        i++;
        continue;
      }
      let t = rootNext.get(u.key);
      let end = -1;
      let entries: TermEntry[] | null = null;
      let j = i;
      while (t) {
        if (t.entries) {
          end = j;
          entries = t.entries;
        }
        j++;
        if (j >= units.length || !t.next) break;
        t = t.next.get(units[j]!.key);
      }
      if (entries) {
        let key = u.key;
        let surface = u.surface;
        for (let k = i + 1; k <= end; k++) {
          const v = units[k]!;
          key += v.latin || units[k - 1]!.latin ? ' ' + v.key : v.key;
          surface += v.latin && units[k - 1]!.latin ? ' ' + v.surface : v.surface;
        }
        hits.push({ key, surface, entries, factor: open ? substringFactor : 1 });
        i = end + 1;
        continue;
      }
      i++;
    }
    return hits;
  }

  /** Marks long Chinese words that are not terms themselves, so embedded terms may be searched inside them. */
  isTerm(word: string): boolean {
    let t: TrieNode | undefined = this.root;
    for (const ch of word) {
      t = t.next?.get(ch);
      if (!t) return false;
    }
    return t.entries !== null;
  }
}

interface Unit {
  key: string;
  surface: string;
  latin: boolean;
  boundary: boolean;
  openToken: boolean;
}

const BREAK_UNIT: Unit = { key: '\u0000', surface: '', latin: false, boundary: false, openToken: false };

/** Tokens → match units: a Latin token is one unit, a Chinese word one unit per character (first one a boundary). */
function toUnits(tokens: readonly Token[], dict?: TermDictionary): Unit[] {
  const units: Unit[] = [];
  for (const tok of tokens) {
    if (tok === BREAK) units.push(BREAK_UNIT);
    else if (tok.latin) units.push({ key: tok.key, surface: tok.surface, latin: true, boundary: true, openToken: false });
    else {
      const open = dict !== undefined && tok.key.length >= 3 && !dict.isTerm(tok.key);
      let first = true;
      for (const ch of tok.key) {
        units.push({ key: ch, surface: ch, latin: false, boundary: first, openToken: open });
        first = false;
      }
    }
  }
  return units;
}

function dedupeEntries(entries: TermEntry[]): TermEntry[] {
  const best = new Map<number, TermEntry>();
  for (const e of entries) {
    const b = best.get(e.node);
    if (!b || e.weight > b.weight) best.set(e.node, e);
  }
  return [...best.values()].sort((a, b) => a.node - b.node);
}
