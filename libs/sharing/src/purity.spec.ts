import { readdirSync, readFileSync } from 'node:fs';

// Its imports are checked by dependency-cruiser (scripts/layers.cjs); what no import rule sees: the rules are
// deterministic, so the clock, randomness and the environment come in as arguments.
describe('the sharing rules are deterministic', () => {
  const dir = new URL('./', import.meta.url);
  const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));

  it.each(sources)('%s reads no clock, randomness or environment', (file) => {
    expect(readFileSync(new URL(file, dir), 'utf8')).not.toMatch(/process\.env|Date\.now\(|new Date\(\)|Math\.random\(/);
  });
});
