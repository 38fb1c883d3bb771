import { readdirSync, readFileSync } from 'node:fs';

// The sharing core stays pure: no Nest, no database, no queue, no file or network access. Only zod from outside.
describe('library boundaries', () => {
  const dir = new URL('./', import.meta.url);
  const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));

  it.each(sources)('%s imports only its siblings and zod', (file) => {
    const text = readFileSync(new URL(file, dir), 'utf8');
    const specifiers = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    for (const s of specifiers) expect(s === 'zod' || /^\.\/[a-z-]+\.js$/.test(s)).toBe(true);
    expect(text).not.toMatch(/process\.env|Date\.now\(|new Date\(\)|Math\.random\(/);
  });
});
