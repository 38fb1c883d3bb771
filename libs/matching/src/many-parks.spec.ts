// @tier medium: 300 parks × 303 leads take a quarter of a minute on a loaded machine; the unit tier stays fast.
/**
 * Many parks: the engine's whole output for generated leads against 300 synthetic parks drawn from the taxonomy (the
 * bench's growth series), pinned as one digest per lead in __fixtures__/many-parks-digests.json. Pinned with the engine
 * that scored every park, so the inverted index (only parks sharing evidence with a lead are scored) is checked to
 * give the same rankings, scores, ties, reasons and verdicts. A deliberate change of output: UPDATE_GOLDEN=1.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadParkCatalog, loadTaxonomy } from '#catalog';
import { generateLeads, mulberry32, syntheticParks } from '../benchmarks/synthetic.js';
import { fnv64 } from './hash.js';
import { createMatcher } from './index.js';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__', 'many-parks-digests.json');

describe('many parks (300 synthetic parks, output pinned per lead)', () => {
  const catalog = loadParkCatalog();
  const taxonomy = loadTaxonomy();
  const parks = syntheticParks(taxonomy.nodes, catalog.boards.map((b) => b.id), 300, mulberry32(7));
  // some parks learned from signed projects, so history scores and reasons are covered too
  for (const p of parks.slice(0, 30)) p.signedProjects = [generateLeads(1 + (p.id.charCodeAt(6) % 5))[0]!.text];
  const matcher = createMatcher(parks, taxonomy);
  const leads = [...generateLeads(300), { text: '' }, { text: '某企业拟新建生产基地。', sector: '高端纺织' }, { text: 'A dairy and snack food processing plant' }];
  const digests = leads.map((l) => {
    const r = matcher.rank(l);
    return `${r.noFit ? 'nofit' : 'fit'} ${r.topDecidedBy} ${r.ranking.filter((m) => m.score > 0).length} ${fnv64(JSON.stringify({ ...r, engineVersion: undefined }))}`;
  });

  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(FIXTURE, JSON.stringify(digests, null, 1) + '\n');
  const expected = JSON.parse(readFileSync(FIXTURE, 'utf8')) as string[];

  it('gives every lead the pinned ranking, scores, reasons and verdict', () => {
    const differ = digests.map((d, i) => (d === expected[i] ? null : `${i} ${JSON.stringify(leads[i])}`)).filter((x) => x !== null);
    expect(differ).toEqual([]);
    expect(digests.length).toBe(expected.length);
  });

  it('ranks every park, also those sharing nothing with the lead', () => {
    const r = matcher.rank(leads[0]!);
    expect(r.ranking.map((m) => m.parkId).sort()).toEqual(parks.map((p) => p.id).sort());
    expect(r.ranking.map((m) => m.rank)).toEqual(parks.map((_, i) => i + 1));
  });
});
