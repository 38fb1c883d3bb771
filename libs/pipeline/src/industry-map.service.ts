import { Injectable } from '@nestjs/common';
import { loadTaxonomy } from '#catalog';
import { describeCoverage, type MatchPark, type NodeCoverage } from '#matching';
import { UnitOfWork } from '#persistence';

/** A park covers a node for the map when the node is its direction's sector at this strength (not a closed qualifier's remainder). */
const COVERED = 0.5;
const coversNode = (c: NodeCoverage) => c.relation === 'sector' && c.coverage >= COVERED;

/** A node directly up- or downstream of a node a park's directions cover, and not covered by them itself. */
export interface ChainLink {
  node: string;
  relation: 'upstream' | 'downstream';
  /** the covered node it is linked to */
  of: string;
}

/**
 * The 产业招商图谱: the taxonomy as a chain map (upstream / downstream / related), which parks cover each node, the
 * nodes no park covers (补链 gaps) and the leads seen per node. Coverage is the matching engine's own reading of the
 * current park profiles, so the map and the rankings agree. Each park also gets its chain gaps: nodes linked to what
 * it covers that it does not (`parks[].chainGaps.fromTaxonomy`); which of those the park's own firms and projects already
 * cover is ParkChainService's (`GET /api/parks/:park/chain`).
 */
@Injectable()
export class IndustryMapService {
  private readonly taxonomy = loadTaxonomy();
  private cached?: { key: string; coverage: NodeCoverage[] };

  constructor(private readonly uow: UnitOfWork) {}

  private coverage(parks: MatchPark[], key: string): NodeCoverage[] {
    if (this.cached?.key !== key) this.cached = { key, coverage: describeCoverage(parks, this.taxonomy) };
    return this.cached.coverage;
  }

  /** The nodes a park's directions cover and their chain links (the one rule for 园区链上环节). */
  private chainLinks(coverage: NodeCoverage[], parkId: string): { mine: Set<string>; links: ChainLink[] } {
    const mine = new Set(coverage.filter((c) => c.park === parkId && coversNode(c)).map((c) => c.node));
    const links: ChainLink[] = [];
    for (const n of this.taxonomy.nodes)
      if (mine.has(n.id))
        for (const [relation, list] of [['upstream', n.upstream], ['downstream', n.downstream]] as const)
          for (const l of list ?? []) if (!mine.has(l)) links.push({ node: l, relation, of: n.id });
    return { mine, links };
  }

  /** One park's chain: the nodes its directions cover and the up/downstream nodes linked to them. */
  async parkChain(parkId: string): Promise<{ covers: string[]; links: ChainLink[] }> {
    const parks = await this.uow.read((r) => r.parks.listParks());
    const key = JSON.stringify(parks.map((p) => [p.id, p.currentVersion]));
    const coverage = this.coverage(parks.map((p) => ({ id: p.id, name: p.name, board: p.board.id, directions: p.directions })), key);
    const { mine, links } = this.chainLinks(coverage, parkId);
    return { covers: [...mine], links };
  }

  async map(q?: string, gapsOnly = false) {
    const [parks, counts] = await this.uow.read(async (r) => [await r.parks.listParks(), await r.industryMap.leadsBySector()] as const);
    const key = JSON.stringify(parks.map((p) => [p.id, p.currentVersion]));
    const coverage = this.coverage(parks.map((p) => ({ id: p.id, name: p.name, board: p.board.id, directions: p.directions })), key);
    const parkById = new Map(parks.map((p) => [p.id, p]));
    const leadsByLabel = new Map(counts.map((c) => [c.sector, c.leads]));
    const nodes = this.taxonomy.nodes;
    const label = new Map(nodes.map((n) => [n.id, n.label]));
    const ref = (id: string) => ({ id, label: label.get(id) ?? id });
    const children = new Map<string, string[]>();
    for (const n of nodes) for (const p of n.parents ?? []) children.set(p, [...(children.get(p) ?? []), n.id]);
    const byNode = new Map<string, NodeCoverage[]>();
    for (const c of coverage) byNode.set(c.node, [...(byNode.get(c.node) ?? []), c]);
    const covers = coversNode;

    const all = nodes.map((n) => {
      const cs = byNode.get(n.id) ?? [];
      const park = (c: NodeCoverage) => ({ parkId: c.park, park: parkById.get(c.park)?.name ?? c.park, board: parkById.get(c.park)?.board.name ?? '', direction: c.direction, coverage: c.coverage });
      const coveredBy = cs.filter(covers).sort((a, b) => b.coverage - a.coverage || a.park.localeCompare(b.park)).map(park);
      return {
        id: n.id,
        label: n.label,
        en: n.en,
        parents: (n.parents ?? []).map(ref),
        children: (children.get(n.id) ?? []).map(ref),
        upstream: (n.upstream ?? []).map(ref),
        downstream: (n.downstream ?? []).map(ref),
        related: (n.related ?? []).map(ref),
        products: (n.products ?? []).slice(0, 8),
        parks: coveredBy,
        /** parks reaching the node only through a chain link of a direction, or partly (qualifier, umbrella) */
        nearParks: cs.filter((c) => !covers(c)).sort((a, b) => b.coverage - a.coverage || a.park.localeCompare(b.park)).slice(0, 6).map(park),
        gap: coveredBy.length === 0,
        leads: leadsByLabel.get(n.label) ?? 0,
        search: [n.label, n.en, ...(n.synonyms ?? []), ...(n.products ?? []), ...(n.english ?? [])].join(' ').toLowerCase(),
      };
    });
    const needle = q?.trim().toLowerCase();
    const shown = all.filter((n) => (!needle || n.search.includes(needle)) && (!gapsOnly || n.gap));

    const parkGaps = parks.map((p) => {
      const { mine, links } = this.chainLinks(coverage, p.id);
      return { parkId: p.id, park: p.name, board: p.board.name, covers: [...mine].map(ref), chainGaps: { fromTaxonomy: [...new Set(links.map((l) => l.node))].map(ref) } };
    });
    return {
      taxonomyVersion: this.taxonomy.taxonomyVersion,
      query: q?.trim() || null,
      summary: { nodes: all.length, covered: all.filter((n) => !n.gap).length, gaps: all.filter((n) => n.gap).length, leads: counts.reduce((a, c) => a + c.leads, 0), shown: shown.length },
      definitions: {
        parks: `园区覆盖 = 园区某一主攻方向（或其细分方向）本身即为该环节，且按匹配引擎的读法覆盖度不低于 ${COVERED}（括号限定之外的部分、只经产业链上下游相关的不算）`,
        gap: '补链缺口 = 没有任何园区覆盖的环节',
        leads: '线索数 = 主行业被识别为该环节的线索（全部状态）',
        chainGaps: '园区链上缺口 = 与园区所覆盖环节直接上下游相连、但园区自身未覆盖的环节',
      },
      nodes: shown.map(({ search: _s, ...n }) => n),
      parks: parkGaps,
    };
  }
}
