/**
 * Step 1 — normalize: fold width (NFKC) and case, turn hyphens and slashes into spaces, and cut numbers with their
 * units out so they never weigh in the similarity ("10亿元", "7.4万平方米", "30kW", "80米级" disappear;
 * "5G", "T800", "3D" stay because the digits belong to a word).
 */
const CJK_UNITS =
  '亿美元|亿欧元|亿港元|亿日元|亿元|万美元|万欧元|万元|万吨|万平方米|万平米|万立方米|万台|万套|万片|万支|万辆|万千瓦|万千伏安|万|亿|千|百|余|多|元|美元|欧元|吨|亩|平方米|平米|立方米|米级|米|公里|千米|台套|台|套|条|个|家|片|支|艘|辆|人|年|月|日|天|倍|项|座|层|级|寸|英寸|瓦|千瓦|兆瓦|吉瓦|千伏|伏|度|小时|期|股|名|款|种|只|颗|粒|毫米|厘米|纳米|微米|克|公斤|千克';
const EN_UNITS =
  'kwh|mwh|gwh|twh|kw|mw|gw|kva|mva|kv|mm|cm|km|nm|um|kg|mt|sqm|m2|m3|ha|t|m|w|v|k|bn|mn|million|billion|thousand|tons?|tonnes?|yuan|rmb|cny|usd|eur|percent|units?|sets?|pcs|mu|acres?|hectares?|square\\s+met(?:er|re)s?|met(?:er|re)s?|years?|months?';
const NUMBER = '\\d+(?:[.,]\\d+)*';
const NUMBER_RE = new RegExp(
  `(?<![a-z0-9])${NUMBER}(?:\\s*(?:${CJK_UNITS})+|\\s*(?:${EN_UNITS})(?![a-z])|\\s*%|(?![a-z0-9]))`,
  'g',
);
const SEPARATORS_RE = /[-‐‑‒–—_/\\|·•~]+/g;

export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(SEPARATORS_RE, ' ').replace(NUMBER_RE, ' ');
}
