// @tier medium (ranks the demo's test leads several times over: seconds of CPU)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configDir, loadParkCatalog, loadTaxonomy } from '#catalog';
import { parksFromCatalog, type Outcome } from '#matching';
import { historyOfDemo, medianDate, replayHistory, type History } from './replay.js';

const jsonl = <T>(file: string): T[] => readFileSync(join(configDir(), 'demo', file), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);
const parks = parksFromCatalog(loadParkCatalog());
const taxonomy = loadTaxonomy();
const demo = historyOfDemo(jsonl('leads.jsonl'), jsonl('history.jsonl'));
const split = medianDate(demo)!;
// a few dozen test leads keep the spec short; the split and the outcomes are the demo's own
const small: History = { outcomes: demo.outcomes, cases: demo.cases.filter((c) => c.reported >= split).slice(0, 30) };

describe('time-split replay of learning from outcomes (npm run eval)', () => {
  it('the demo history is dated over 2025, names real parks, and has outcomes on both sides of the split', () => {
    const ids = new Set(parks.map((p) => p.id));
    expect(demo.outcomes.every((o) => ids.has(o.park) && /^2025-\d{2}-\d{2}$/.test(o.at))).toBe(true);
    expect(demo.outcomes.filter((o) => o.at < split).length).toBeGreaterThan(50);
    expect(demo.outcomes.filter((o) => o.lesson === 'declined').length).toBeGreaterThan(5);
    expect(small.cases).toHaveLength(30);
  });

  it('"with learning" reads only outcomes decided before the split: later ones, even wrong on purpose, change nothing', () => {
    const honest = replayHistory(parks, taxonomy, small, split);
    // every test lead "signed" on the split day and after at a park that does not fit it, and declined at its real park
    const leak: Outcome[] = small.cases.flatMap((c) => [
      { park: 'home-textile', lesson: 'taken', text: c.text, at: `${split}T00:00:00.000Z` },
      { park: c.truth, lesson: 'declined', text: c.text, at: split },
      { park: 'home-textile', lesson: 'taken', text: c.text, at: '2026-06-30' },
    ]);
    const leaked = replayHistory(parks, taxonomy, { ...small, outcomes: [...small.outcomes, ...leak] }, split);
    expect(leaked.engineVersionWith).toBe(honest.engineVersionWith);
    expect(leaked.with).toEqual(honest.with);
    expect(leaked.train).toBe(honest.train);
    // the same lies dated the day before the split are learnt: the check above can fail
    const before = new Date(Date.parse(split) - 86_400_000).toISOString().slice(0, 10);
    const learnt = replayHistory(parks, taxonomy, { ...small, outcomes: [...small.outcomes, ...leak.map((o) => ({ ...o, at: before }))] }, split);
    expect(learnt.engineVersionWith).not.toBe(honest.engineVersionWith);
    expect(learnt.with.truthAt1!).toBeLessThan(honest.with.truthAt1!);
  });

  it('learning changes the matcher version; with no outcome before the split it is the matcher without learning', () => {
    const r = replayHistory(parks, taxonomy, small, split);
    expect(r.train).toBeGreaterThan(0);
    expect(r.engineVersionWith).not.toBe(r.engineVersionWithout);
    const none = replayHistory(parks, taxonomy, small, '2024-01-01');
    expect(none.train).toBe(0);
    expect(none.engineVersionWith).toBe(none.engineVersionWithout);
    expect(none.with).toEqual(none.without);
  });

  it('a history line that does not match its lead in leads.jsonl is refused rather than replayed against another lead', () => {
    const lines = jsonl<{ company: string; reported: string; outcomes: [] }>('history.jsonl');
    expect(() => historyOfDemo(jsonl('leads.jsonl'), lines.slice(1))).toThrow(/does not match leads\.jsonl/);
  });
});
