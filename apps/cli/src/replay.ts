import { lessonOf } from '#domain';
import type { DemoHistoryLine } from '#pipeline';
import { createMatcher, learnFromOutcomes, type Matcher, type MatchPark, type Outcome, type Taxonomy } from '#matching';

/** A lead of the history: when it was reported and the park (id) where it really went. */
export interface ReplayCase {
  text: string;
  sector?: string;
  truth: string;
  reported: string;
}

export interface History {
  outcomes: Outcome[];
  cases: ReplayCase[];
}

export interface ReplayResult {
  split: string;
  /** outcomes decided before the split (what "with learning" learnt from) */
  train: number;
  /** leads reported on or after the split, scored */
  test: number;
  without: { truthAt1: number | null; truthAt3: number | null; topTies: number };
  with: { truthAt1: number | null; truthAt3: number | null; topTies: number };
  engineVersionWithout: string;
  engineVersionWith: string;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);

/**
 * Time-split replay of learning from outcomes: the matcher learns (the platform's `learnFromOutcomes`) from the
 * outcomes decided before `split`, and both it and the matcher without learning rank the leads reported from
 * `split` on; truth@k is the share whose real park is in the top k.
 */
export function replayHistory(parks: readonly MatchPark[], taxonomy: Taxonomy, h: History, split: string): ReplayResult {
  const base = createMatcher([...parks], taxonomy);
  const learnt = createMatcher(learnFromOutcomes(parks, h.outcomes, { before: split }), taxonomy);
  const test = h.cases.filter((c) => c.reported >= split);
  const measure = (m: Matcher) => {
    let t1 = 0, t3 = 0, ties = 0;
    for (const c of test) {
      const rk = m.rank({ text: c.text, ...(c.sector ? { sector: c.sector } : {}) });
      const k = rk.ranking.findIndex((x) => x.parkId === c.truth);
      if (k === 0) t1++;
      if (k >= 0 && k < 3) t3++;
      if (!rk.noFit && rk.topDecidedBy !== 'score') ties++;
    }
    return { truthAt1: ratio(t1, test.length), truthAt3: ratio(t3, test.length), topTies: ties };
  };
  return {
    split,
    train: h.outcomes.filter((o) => o.at < split).length,
    test: test.length,
    without: measure(base),
    with: measure(learnt),
    engineVersionWithout: base.version,
    engineVersionWith: learnt.version,
  };
}

/** The median reported date of the cases: the default split. */
export function medianDate(h: History): string | null {
  const dates = h.cases.map((c) => c.reported).sort();
  return dates[Math.floor(dates.length / 2)]?.slice(0, 10) ?? null;
}

/** A labelled set (dev.jsonl): each dated project is reported and signed at its truth park on its source date. */
export function historyOfLabelledSet(rows: { lead: string; sector_declared?: string; truth_park?: string; source_date?: string }[], parkIdByName: ReadonlyMap<string, string>): History & { undated: number } {
  const h: History & { undated: number } = { outcomes: [], cases: [], undated: 0 };
  for (const r of rows) {
    const park = r.truth_park ? parkIdByName.get(r.truth_park) : undefined;
    if (!park) continue;
    const date = /^\d{4}-\d{2}-\d{2}/.test(r.source_date ?? '') ? r.source_date!.slice(0, 10) : null;
    if (!date) {
      h.undated++;
      continue;
    }
    h.outcomes.push({ park, lesson: 'taken', text: r.lead, at: date });
    h.cases.push({ text: r.lead, ...(r.sector_declared ? { sector: r.sector_declared } : {}), truth: park, reported: date });
  }
  return h;
}

/** The demo data (config/demo/leads.jsonl + history.jsonl): each decision read by the platform's rule (`lessonOf`). */
export function historyOfDemo(leads: { company: string; description: string; sector?: string }[], lines: DemoHistoryLine[]): History {
  const h: History = { outcomes: [], cases: [] };
  for (const [i, line] of lines.entries()) {
    const lead = leads[i];
    if (!lead || lead.company !== line.company) throw new Error(`demo history line ${i + 1} (${line.company}) does not match leads.jsonl`);
    for (const o of line.outcomes) {
      const lesson = lessonOf(o.decision, o.reason ?? null);
      if (lesson) h.outcomes.push({ park: o.park, lesson, text: lead.description, at: o.date });
    }
    const taken = line.outcomes.find((o) => o.decision === 'accepted');
    if (taken) h.cases.push({ text: lead.description, ...(lead.sector ? { sector: lead.sector } : {}), truth: taken.park, reported: line.reported });
  }
  return h;
}
