import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const ALLOWED = /^(?:\.\/[a-z-]+\.js|zod|csv-parse|exceljs|node:[a-z_/]+|fast-check)$/;

describe('the intake library', () => {
  it('imports only zod, csv-parse, exceljs, node built-ins and its own files (no Nest, no database, no queue)', () => {
    const offending: string[] = [];
    const seen = new Set<string>();
    for (const file of readdirSync(here).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(here, file), 'utf8');
      for (const [, spec] of source.matchAll(/^(?:import|export)[^;]*? from '([^']+)';$/gm)) {
        seen.add(spec!);
        if (!ALLOWED.test(spec!)) offending.push(`${file}: ${spec}`);
      }
    }
    expect(seen).toContain('exceljs'); // the scan does see imports
    expect(offending).toEqual([]);
  });
});
