/**
 * npm run --silent bench
 * Scores one deterministic set of generated leads (seeded PRNG over fixed Chinese, English and mixed phrases) with
 * the engine and with a baseline — natural's TfIdf over the jieba-segmented raw park directions — in the same run,
 * plus jieba segmentation alone (the floor, with the engine's share of its speed), and a growth series: leads/s for 20, 200
 * and 2,500 synthetic parks drawn from the taxonomy (2,500 ≈ every national and provincial development zone). Prints one
 * JSON line.
 */
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { loadParkCatalog, loadTaxonomy } from '#catalog';
import { createMatcher, parksFromCatalog, type MatchLead } from '#matching';
import { generateLeads, mulberry32, syntheticParks } from './synthetic.js';

const require = createRequire(import.meta.url);
// natural is CommonJS; the submodule avoids the package root (database clients, a dotenv line on stdout).
const TfIdf = require('natural/lib/natural/tfidf/tfidf.js') as new () => { addDocument(d: string[]): void; tfidfs(t: string[], cb: (i: number, m: number) => void): void };

const LEADS = Number(process.env.BENCH_LEADS ?? 20000);
const GROWTH_LEADS = Number(process.env.BENCH_GROWTH_LEADS ?? 5000);
const GROWTH_PARKS = [20, 200, 2500];

function time(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function main(): void {
  const catalog = loadParkCatalog();
  const taxonomy = loadTaxonomy();
  const matcher = createMatcher(parksFromCatalog(catalog), taxonomy);
  const leads = generateLeads(LEADS);

  const jieba = Jieba.withDict(dict);
  const tfidf = new TfIdf();
  for (const p of catalog.parks) tfidf.addDocument(jieba.cut(p.directions.map((d) => d.text).join(' '), false).filter((w) => w.trim()));
  const baseline = (lead: MatchLead): number => {
    const tokens = jieba.cut(lead.text.toLowerCase(), false).filter((w) => w.trim());
    const scores: number[] = new Array(catalog.parks.length).fill(0);
    tfidf.tfidfs(tokens, (i, m) => (scores[i] = m));
    const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
    return order[0]!;
  };

  // warm-up (JIT, caches) on a slice, then the timed runs over the full set
  let sink = 0;
  for (const l of leads.slice(0, 2000)) sink += matcher.rank(l).ranking.length + baseline(l) + jieba.cut(l.text, false).length;

  const segmentSeconds = time(() => {
    for (const l of leads) sink += jieba.cut(l.text, false).length;
  });
  const engineSeconds = time(() => {
    for (const l of leads) sink += matcher.rank(l).ranking[0]!.reasons.length;
  });
  const baselineSeconds = time(() => {
    for (const l of leads) sink += baseline(l);
  });
  if (sink < 0) process.stderr.write('unreachable\n');

  // growth: the same leads against ever more parks, each matcher warmed up first
  const growth: Record<string, number> = {};
  const rnd = mulberry32(20261201);
  const growthLeads = leads.slice(0, GROWTH_LEADS);
  for (const n of GROWTH_PARKS) {
    const m = createMatcher(syntheticParks(taxonomy.nodes, catalog.boards.map((b) => b.id), n, rnd), taxonomy);
    for (const l of growthLeads.slice(0, 500)) sink += m.rank(l).ranking.length;
    const s = time(() => {
      for (const l of growthLeads) sink += m.rank(l).ranking[0]!.reasons.length;
    });
    growth[String(n)] = Math.round(growthLeads.length / s);
  }
  // cost per lead grows by parks^slope: 1 is linear, below 1 sub-linear
  const slope = Math.log(growth['20']! / growth['2500']!) / Math.log(2500 / 20);

  const engine = LEADS / engineSeconds;
  const base = LEADS / baselineSeconds;
  process.stdout.write(
    JSON.stringify({
      leads: LEADS,
      engine_leads_per_s: Math.round(engine),
      baseline_leads_per_s: Math.round(base),
      ratio: Math.round((engine / base) * 100) / 100,
      segment_only_leads_per_s: Math.round(LEADS / segmentSeconds),
      engine_vs_segment: Math.round((engine / (LEADS / segmentSeconds)) * 1000) / 1000,
      growth_leads_per_s: growth,
      growth_slope: Math.round(slope * 100) / 100,
    }) + '\n',
  );
}

main();
