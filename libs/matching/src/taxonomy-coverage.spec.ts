import { loadParkCatalog, loadTaxonomy } from '#catalog';

describe('taxonomy coverage', () => {
  const catalog = loadParkCatalog();
  const taxonomy = loadTaxonomy();
  const covered = new Set(taxonomy.nodes.flatMap((n) => n.covers));

  it('has a node for every park direction and every sub-direction of the seed table', () => {
    const missing: string[] = [];
    for (const p of catalog.parks)
      for (const d of p.directions) for (const s of [d.name, ...d.subDirections]) if (!covered.has(s)) missing.push(`${p.name}: ${s}`);
    expect(missing).toEqual([]);
  });

  it('gives every covered node synonyms or components and English terms', () => {
    for (const n of taxonomy.nodes.filter((x) => x.covers.length > 0)) {
      expect(n.synonyms.length + n.components.length).toBeGreaterThan(0);
      expect(n.english.length).toBeGreaterThan(0);
    }
  });

  it('includes adjacent sectors that no park covers, as evidence for the no-fit verdict', () => {
    const uncovered = taxonomy.nodes.filter((n) => n.covers.length === 0 && n.parents.length === 0).map((n) => n.label);
    expect(uncovered).toEqual(expect.arrayContaining(['电力装备（输变电）', '印刷包装机械', '食品饮料', '现代物流与商贸']));
  });

  it('gives every node at least 8 English terms and 7 typical products (product catalogues, GB/T 4754 classes)', () => {
    const thin = taxonomy.nodes.filter((n) => n.english.length < 8 || n.products.length < 7).map((n) => n.id);
    expect(thin).toEqual([]);
  });
});
