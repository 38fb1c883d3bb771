/**
 * npm run eval [-- --input FILE.jsonl ...] [--replay FILE.jsonl ...] [--split YYYY-MM-DD] [--verbose] [--json]
 * Scores labelled leads (tests/eval/dev.jsonl by default, plus the held-out checks tests/eval/heldout-*.jsonl) and
 * prints acceptable@1, acceptable@3, truth@1, truth@3, MRR (of the truth park), no-fit recall and the share of
 * fitting leads wrongly flagged no-fit, and the top-1 ties: leads whose first two parks scored the same (broken on
 * meaning: named sub-direction, focus, history) and those left to park id, among leads not flagged no-fit.
 *
 * Then a time-split replay of learning from outcomes (`--split YYYY-MM-DD`, default: the median reported date of
 * each set; replay.ts): the outcomes decided before the split feed the matcher as the platform feeds it
 * (learnFromOutcomes), the leads reported from the split on are the test. On the dev set a dated project is signed
 * at its truth_park on its source date; on the demo data (config/demo/leads.jsonl) the outcomes are
 * config/demo/history.jsonl (accepted/signed, declined as 不符合园区主攻方向). It prints truth@1/@3 and top-1 ties on the
 * test leads without and with that learning.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { configDir, loadParkCatalog, loadTaxonomy } from '#catalog';
import { createMatcher, parksFromCatalog, type Matcher, type MatchPark, type Taxonomy } from '#matching';
import { historyOfDemo, historyOfLabelledSet, medianDate, replayHistory, type ReplayResult } from './replay.js';

interface Row {
  id: string;
  lead: string;
  sector_declared?: string;
  truth_park?: string;
  acceptable_parks: string[];
  source_date?: string;
}

export interface Metrics {
  file: string;
  leads: number;
  fitting: number;
  noFitLeads: number;
  acceptableAt1: number | null;
  acceptableAt3: number | null;
  truthAt1: number | null;
  truthAt3: number | null;
  mrr: number | null;
  noFitRecall: number | null;
  falseNoFit: number | null;
  /** leads whose first two parks scored the same */
  topTies: number;
  /** …of which nothing but the park id decided */
  topTiesById: number;
  topTiesByIdShare: number | null;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}
const readRows = (file: string): Row[] => readJsonl<Row>(file);

function evaluate(matcher: Matcher, file: string, verbose: boolean): Metrics {
  const rows = readRows(file);
  let fitting = 0, acc1 = 0, acc3 = 0, truthN = 0, t1 = 0, t3 = 0, rr = 0, noFitN = 0, noFitHit = 0, falseNoFit = 0, ties = 0, tiesById = 0;
  for (const row of rows) {
    const r = matcher.rank({ text: row.lead, ...(row.sector_declared ? { sector: row.sector_declared } : {}) });
    const names = r.ranking.map((m) => m.park);
    // a no-fit lead's order is not a recommendation: its ties (often every park at 0) are not counted
    if (!r.noFit && r.topDecidedBy !== 'score') ties++;
    if (!r.noFit && r.topDecidedBy === 'park-id') tiesById++;
    const ok = new Set(row.acceptable_parks);
    let miss = '';
    if (ok.size > 0) {
      fitting++;
      if (ok.has(names[0]!)) acc1++;
      else miss = 'acc@1';
      if (names.slice(0, 3).some((n) => ok.has(n))) acc3++;
      if (r.noFit) {
        falseNoFit++;
        miss += ' false-no-fit';
      }
    } else {
      noFitN++;
      if (r.noFit) noFitHit++;
      else miss = 'missed-no-fit';
    }
    if (row.truth_park) {
      truthN++;
      const k = names.indexOf(row.truth_park);
      if (k === 0) t1++;
      if (k >= 0 && k < 3) t3++;
      if (k >= 0) rr += 1 / (k + 1);
    }
    if (verbose && miss) {
      const top = r.ranking.slice(0, 3).map((m) => `${m.park} ${m.score} (${m.coverage})`).join(' | ');
      process.stdout.write(`  ✗ ${row.id} [${miss}] primary=${r.primarySector} sectors=${r.sectors.map((s) => `${s.label}:${s.share}`).join(',')}\n    ${row.lead.slice(0, 90)}\n    top: ${top}\n    want: ${[...ok].join('、') || '(no fit)'}\n`);
    }
  }
  return {
    file: basename(file),
    leads: rows.length,
    fitting,
    noFitLeads: noFitN,
    acceptableAt1: ratio(acc1, fitting),
    acceptableAt3: ratio(acc3, fitting),
    truthAt1: ratio(t1, truthN),
    truthAt3: ratio(t3, truthN),
    mrr: truthN ? Math.round((rr / truthN) * 1000) / 1000 : null,
    noFitRecall: ratio(noFitHit, noFitN),
    falseNoFit: ratio(falseNoFit, fitting),
    topTies: ties,
    topTiesById: tiesById,
    topTiesByIdShare: ratio(tiesById, rows.length),
  };
}

export interface ReplayMetrics extends Partial<Omit<ReplayResult, 'split'>> {
  file: string;
  split: string | null;
  /** labelled rows without a date (left out of the replay) */
  undated: number;
}

/** Time-split replay of one set: a labelled .jsonl (dev set), or the demo data (leads.jsonl beside its history.jsonl). */
function replaySet(file: string, parks: MatchPark[], taxonomy: Taxonomy, parkIdByName: ReadonlyMap<string, string>, splitArg: string | undefined): ReplayMetrics {
  const history = join(dirname(file), 'history.jsonl');
  const h = basename(file) === 'leads.jsonl' && existsSync(history)
    ? { ...historyOfDemo(readJsonl(file), readJsonl(history)), undated: 0 }
    : historyOfLabelledSet(readRows(file), parkIdByName);
  const split = splitArg ?? medianDate(h);
  if (!split || h.cases.length === 0) return { file: basename(file), split, undated: h.undated };
  return { file: basename(file), undated: h.undated, ...replayHistory(parks, taxonomy, h, split) };
}

function main(): void {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const json = args.includes('--json');
  const inputs: string[] = [];
  for (let i = 0; i < args.length; i++) if (args[i] === '--input' && args[i + 1]) inputs.push(args[++i]!);
  if (inputs.length === 0) {
    const evalDir = join(configDir(), '..', 'tests', 'eval');
    inputs.push(join(evalDir, 'dev.jsonl'));
    if (existsSync(evalDir)) for (const f of readdirSync(evalDir).sort()) if (/^heldout-.*\.jsonl$/.test(f)) inputs.push(join(evalDir, f));
  }
  const split = args.includes('--split') ? args[args.indexOf('--split') + 1] : undefined;
  if (args.includes('--split') && !/^\d{4}-\d{2}-\d{2}$/.test(split ?? '')) throw new Error('--split 须为日期 YYYY-MM-DD');
  const replayInputs: string[] = [];
  for (let i = 0; i < args.length; i++) if (args[i] === '--replay' && args[i + 1]) replayInputs.push(args[++i]!);
  // the dev set (tests/eval/dev.jsonl is the shared set's copy) and the demo data, or `--replay FILE`
  if (replayInputs.length === 0) replayInputs.push(inputs[0]!, join(configDir(), 'demo', 'leads.jsonl'));
  const catalog = loadParkCatalog();
  const taxonomy = loadTaxonomy();
  const parks = parksFromCatalog(catalog);
  const matcher = createMatcher(parks, taxonomy);
  const all: Metrics[] = [];
  for (const file of inputs) {
    if (verbose) process.stdout.write(`${basename(file)}\n`);
    all.push(evaluate(matcher, file, verbose));
  }
  const parkIdByName = new Map(catalog.parks.map((p) => [p.name, p.id]));
  const replays = replayInputs.map((file) => ({ path: file, ...replaySet(file, parks, taxonomy, parkIdByName, split) }));
  if (json) {
    process.stdout.write(JSON.stringify({ engineVersion: matcher.version, results: all, replay: replays }) + '\n');
    return;
  }
  const f = (x: number | null): string => (x === null ? '  –  ' : x.toFixed(3));
  process.stdout.write(`engine ${matcher.version}\n`);
  process.stdout.write('set                      leads fit nofit  acc@1  acc@3  truth@1 truth@3  MRR   nofit-recall false-nofit  ties@1 by-id (share)\n');
  for (const m of all)
    process.stdout.write(
      `${m.file.padEnd(24)} ${String(m.leads).padStart(5)} ${String(m.fitting).padStart(3)} ${String(m.noFitLeads).padStart(5)}  ${f(m.acceptableAt1)}  ${f(m.acceptableAt3)}  ${f(m.truthAt1)}   ${f(m.truthAt3)}  ${f(m.mrr)}   ${f(m.noFitRecall)}       ${f(m.falseNoFit)}   ${String(m.topTies).padStart(5)} ${String(m.topTiesById).padStart(5)} (${f(m.topTiesByIdShare)})\n`,
    );
  process.stdout.write('\ntime-split replay (learning from outcomes: the outcomes decided before the split are learnt; the leads reported from it on are tested)\n');
  process.stdout.write('set                      split       train test undated  truth@1 truth@3 ties@1 (without)  truth@1 truth@3 ties@1 (with learning)\n');
  for (const r of replays) {
    if (!r.with || !r.without) {
      process.stdout.write(`${r.file.padEnd(24)} no dated outcomes to replay: ${r.undated} labelled rows without a date\n`);
      continue;
    }
    process.stdout.write(
      `${r.file.padEnd(24)} ${r.split}  ${String(r.train).padStart(5)} ${String(r.test).padStart(4)} ${String(r.undated).padStart(7)}   ${f(r.without.truthAt1)}   ${f(r.without.truthAt3)}  ${String(r.without.topTies).padStart(5)}             ${f(r.with.truthAt1)}   ${f(r.with.truthAt3)}  ${String(r.with.topTies).padStart(5)}\n`,
    );
  }
}

main();
