/**
 * npm run eval [-- --input FILE.jsonl ...] [--replay FILE.jsonl ...] [--split YYYY-MM-DD] [--verbose] [--json]
 * Scores labelled leads (tests/eval/dev.jsonl by default, plus the held-out checks tests/eval/heldout-*.jsonl) and
 * prints acceptable@1, acceptable@3, truth@1, truth@3, MRR (of the truth park), no-fit recall and the share of
 * fitting leads wrongly flagged no-fit, and the top-1 ties: leads whose first two parks scored the same (broken on
 * meaning: named sub-direction, focus, history) and those left to park id, among leads not flagged no-fit.
 *
 * Then a time-split replay of learning from outcomes (`--split YYYY-MM-DD`, default: the median date of each set):
 * the projects dated before the split are signed where they really landed (truth_park), as the platform feeds a
 * park's accepted projects to the matcher; the later ones are the test. It prints truth@1/@3 and top-1 ties on the
 * test leads without and with that learning, on the dev set and on the demo data (config/demo/leads.jsonl).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { configDir, loadParkCatalog, loadTaxonomy } from '#catalog';
import { createMatcher, parksFromCatalog, type Matcher, type Taxonomy } from '#matching';

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

function readRows(file: string): Row[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Row);
}

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

export interface ReplayMetrics {
  file: string;
  split: string | null;
  train: number;
  test: number;
  /** labelled rows without a date (left out of the replay) */
  undated: number;
  without: { truthAt1: number | null; truthAt3: number | null; topTies: number };
  with: { truthAt1: number | null; truthAt3: number | null; topTies: number };
  engineVersionWith: string | null;
}

type Catalog = ReturnType<typeof loadParkCatalog>;

/** Time-split replay: projects dated before the split are signed at their truth park; later ones are scored. */
function replay(file: string, catalog: Catalog, taxonomy: Taxonomy, base: Matcher, splitArg: string | undefined): ReplayMetrics {
  const rows = readRows(file).filter((r) => r.truth_park);
  const dated = rows.filter((r) => /^\d{4}-\d{2}-\d{2}/.test(r.source_date ?? '')).sort((a, b) => a.source_date!.localeCompare(b.source_date!));
  const split = splitArg ?? dated[Math.floor(dated.length / 2)]?.source_date?.slice(0, 10) ?? null;
  const empty = { truthAt1: null, truthAt3: null, topTies: 0 };
  if (!split || dated.length === 0) return { file: basename(file), split, train: 0, test: 0, undated: rows.length, without: empty, with: empty, engineVersionWith: null };
  const train = dated.filter((r) => r.source_date!.slice(0, 10) < split);
  const test = dated.filter((r) => r.source_date!.slice(0, 10) >= split);
  const idByName = new Map(catalog.parks.map((p) => [p.name, p.id]));
  const signed: Record<string, string[]> = {};
  for (const r of train) {
    const id = idByName.get(r.truth_park!);
    if (id) (signed[id] ??= []).push(r.lead);
  }
  const learnt = createMatcher(parksFromCatalog(catalog, signed), taxonomy);
  const measure = (m: Matcher) => {
    let t1 = 0, t3 = 0, ties = 0;
    for (const r of test) {
      const rk = m.rank({ text: r.lead, ...(r.sector_declared ? { sector: r.sector_declared } : {}) });
      const k = rk.ranking.findIndex((x) => x.park === r.truth_park);
      if (k === 0) t1++;
      if (k >= 0 && k < 3) t3++;
      if (!rk.noFit && rk.topDecidedBy !== 'score') ties++;
    }
    return { truthAt1: ratio(t1, test.length), truthAt3: ratio(t3, test.length), topTies: ties };
  };
  return { file: basename(file), split, train: train.length, test: test.length, undated: rows.length - dated.length, without: measure(base), with: measure(learnt), engineVersionWith: learnt.version };
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
  const matcher = createMatcher(parksFromCatalog(catalog), taxonomy);
  const all: Metrics[] = [];
  for (const file of inputs) {
    if (verbose) process.stdout.write(`${basename(file)}\n`);
    all.push(evaluate(matcher, file, verbose));
  }
  const replays = replayInputs.map((file) => ({ path: file, ...replay(file, catalog, taxonomy, matcher, split) }));
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
  process.stdout.write('\ntime-split replay (learning from outcomes: projects before the split signed at their truth park; later ones tested)\n');
  process.stdout.write('set                      split       train test undated  truth@1 truth@3 ties@1 (without)  truth@1 truth@3 ties@1 (with learning)\n');
  for (const r of replays) {
    if (r.train + r.test === 0) {
      process.stdout.write(`${r.file.padEnd(24)} no dated outcomes (truth_park + source_date) to replay: ${r.undated} labelled rows\n`);
      continue;
    }
    process.stdout.write(
      `${r.file.padEnd(24)} ${r.split}  ${String(r.train).padStart(5)} ${String(r.test).padStart(4)} ${String(r.undated).padStart(7)}   ${f(r.without.truthAt1)}   ${f(r.without.truthAt3)}  ${String(r.without.topTies).padStart(5)}             ${f(r.with.truthAt1)}   ${f(r.with.truthAt3)}  ${String(r.with.topTies).padStart(5)}\n`,
    );
  }
}

main();
