/**
 * npm run --silent rank -- --input FILE
 * Reads JSON lines {"id", "lead", optional "sector", "amount_cny_100m", "land_mu"} and writes one JSON line per input:
 * {"id", "no_fit", "ranking": [{"park", "score", "reasons"}, … all parks, best first]}. Nothing else goes to stdout;
 * problems go to stderr and set a non-zero exit code.
 */
import { readFileSync } from 'node:fs';
import { loadParkCatalog, loadTaxonomy } from '#catalog';
import { createMatcher, parksFromCatalog, type MatchLead } from '#matching';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function leadFromJson(row: Record<string, unknown>): MatchLead {
  const text = typeof row.lead === 'string' ? row.lead : typeof row.text === 'string' ? row.text : '';
  const num = (...keys: string[]): number | undefined => {
    for (const k of keys) if (typeof row[k] === 'number' && Number.isFinite(row[k])) return row[k] as number;
    return undefined;
  };
  const lead: MatchLead = { text };
  if (typeof row.sector === 'string' && row.sector.trim()) lead.sector = row.sector;
  const amount = num('amountCny100m', 'amount_cny_100m');
  if (amount !== undefined) lead.amountCny100m = amount;
  const land = num('landMu', 'land_mu');
  if (land !== undefined) lead.landMu = land;
  return lead;
}

function main(): void {
  const input = arg('--input');
  if (!input) {
    process.stderr.write('usage: npm run --silent rank -- --input FILE.jsonl\n');
    process.exitCode = 2;
    return;
  }
  const matcher = createMatcher(parksFromCatalog(loadParkCatalog()), loadTaxonomy());
  const lines = readFileSync(input, 'utf8').split(/\r?\n/);
  const out: string[] = [];
  let bad = 0;
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(line) as Record<string, unknown>;
      if (!row || typeof row !== 'object' || Array.isArray(row)) throw new Error('not an object');
    } catch (err) {
      bad++;
      process.stderr.write(`line ${i + 1}: invalid JSON (${(err as Error).message})\n`);
      return;
    }
    const r = matcher.rank(leadFromJson(row));
    out.push(
      JSON.stringify({
        id: row.id ?? null,
        no_fit: r.noFit,
        ranking: r.ranking.map((m) => ({ park: m.park, score: m.score, reasons: m.reasons })),
      }),
    );
  });
  if (out.length) process.stdout.write(out.join('\n') + '\n');
  if (bad) process.exitCode = 1;
}

main();
