/**
 * Step 2 — segment: @node-rs/jieba (no HMM, deterministic) with the taxonomy's Chinese terms added to its dictionary
 * at a high frequency so that 第三代半导体, 合成生物, 氢燃料电池 … stay whole words.
 */
import { Jieba } from '@node-rs/jieba';
import { dict as defaultDict } from '@node-rs/jieba/dict.js';
import { fnv64 } from './hash.js';

export interface Segmenter {
  cut(text: string): string[];
}

const cache = new Map<string, Segmenter>();

/** Words containing whitespace cannot enter jieba's dictionary: they are matched as token sequences instead. */
export function createSegmenter(words: readonly string[], frequency: number, baseDict: Uint8Array = defaultDict): Segmenter {
  const usable = [...new Set(words.filter((w) => w.length > 1 && !/\s/.test(w)))].sort();
  const key = `${frequency}:${baseDict.length}:${fnv64(usable.join('\n'))}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const jieba = Jieba.withDict(baseDict);
  if (usable.length > 0) jieba.loadDict(new TextEncoder().encode(usable.map((w) => `${w} ${frequency}`).join('\n') + '\n'));
  const segmenter: Segmenter = { cut: (text) => jieba.cut(text, false) };
  cache.set(key, segmenter);
  return segmenter;
}
