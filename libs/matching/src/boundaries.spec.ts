import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FORBIDDEN = [/^@nestjs\//, /^(node:)?fs(\/promises)?$/, /^(pg|kysely|ioredis|bullmq|redis|mongoose|typeorm|@prisma\/client|@electric-sql\/.*)$/, /^#(persistence|queues|settings|catalog)$/, /^express$/];

describe('libs/matching import boundary', () => {
  it('imports nothing from Nest, databases, queues, the file system or I/O libraries', () => {
    const dir = dirname(fileURLToPath(import.meta.url));
    const offenders: string[] = [];
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts') && !x.endsWith('.spec.ts'))) {
      const src = readFileSync(join(dir, f), 'utf8');
      for (const m of src.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const spec = m[1] ?? m[2] ?? m[3]!;
        if (FORBIDDEN.some((re) => re.test(spec))) offenders.push(`${f}: ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
