import { createReadStream } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { loadTaxonomy } from '#catalog';
import { actorName, isCityWide, type Viewer } from '#domain';
import { BatchFileError, companyListRows, readCompanyRows } from '#intake';
import type { Matcher } from '#matching';
import { UnitOfWork, type NewParkFirm } from '#persistence';
import { DomainError } from './domain-error.js';
import { detectFormat, type UploadedFile } from './import.service.js';
import { IndustryMapService } from './industry-map.service.js';
import { MatcherService } from './matcher.service.js';

/** Firms in one park's list (a park's own firms: hundreds, a few thousand; read in the request). */
export const FIRM_LIST_MAX = 5000;
/** A firm covers a taxonomy node its products and scope are read as with at least this share of the evidence. */
const FIRM_NODE_MIN_SHARE = 0.2;

type By = { kind: 'firm'; name: string } | { kind: 'project'; code: string; stage: string | null };
export interface ChainNode {
  id: string;
  label: string;
  /** the park's covered nodes it is up- or downstream of */
  of: { id: string; label: string; relation: 'upstream' | 'downstream' }[];
  status: 'covered' | 'gap';
  by: By[];
}

/**
 * 补链 per park: the taxonomy nodes up- and downstream of what the park's directions cover (IndustryMapService), and
 * which of them the park already has, from its accepted projects (their recognised main sector) and from the list of
 * its existing firms it uploads (CSV/XLSX read by the company-list reader). A node nobody in the park covers is a gap;
 * prospect scoring names the gaps a company would fill.
 */
@Injectable()
export class ParkChainService {
  private readonly taxonomy = loadTaxonomy();
  private readonly label = new Map(this.taxonomy.nodes.map((n) => [n.id, n.label]));
  private readonly byLabel = new Map(this.taxonomy.nodes.map((n) => [n.label, n.id]));
  private readonly parents = new Map(this.taxonomy.nodes.map((n) => [n.id, n.parents ?? []]));

  constructor(private readonly uow: UnitOfWork, private readonly map: IndustryMapService, private readonly matchers: MatcherService) {}

  /** Read: the park's operator, its board's promoters, the city. Upload: the park's operator and the city. */
  private async parkFor(parkId: string, viewer: Viewer, write: boolean) {
    const park = await this.uow.read((r) => r.parks.findPark(parkId));
    const allowed = park && (isCityWide(viewer) || (viewer.role === 'park_operator' && viewer.parkId === parkId) || (!write && viewer.role === 'promoter' && viewer.boardId === park.board.id));
    if (!park || !allowed) throw new DomainError('PARK_NOT_FOUND', `园区 ${parkId} 不存在，或不是本账号可以${write ? '上传现有企业名单' : '查看'}的园区（园区运营管本园区${write ? '' : '，板块看本板块的园区'}）`);
    return park;
  }

  /** The taxonomy nodes a firm's text is read as (its main ones), with their parents: a firm in a sub-node covers the node above. */
  private nodesOf(matcher: Matcher, text: string): string[] {
    return this.nodesOfSectors(matcher.rank({ text }).sectors);
  }

  /** The same reading for a ranking already made (a prospect's). */
  nodesOfSectors(sectors: { id: string; share: number }[]): string[] {
    const out = new Set<string>();
    for (const s of sectors)
      if (s.share >= FIRM_NODE_MIN_SHARE) {
        out.add(s.id);
        for (const p of this.parents.get(s.id) ?? []) out.add(p);
      }
    return [...out];
  }

  /** The gaps a company read as these sectors would fill (at most two, for the reasons). */
  filled(sectors: { id: string; share: number }[], gaps: Map<string, ChainNode>): ChainNode[] {
    return this.nodesOfSectors(sectors).flatMap((id) => gaps.get(id) ?? []).slice(0, 2);
  }

  /** Replaces the park's firm list; bad rows are reported by row number and left out, a file error stores nothing. */
  async uploadFirms(parkId: string, file: UploadedFile | undefined, viewer: Viewer) {
    try {
      await this.parkFor(parkId, viewer, true);
      if (!file) throw new DomainError('VALIDATION_FAILED', '请在表单字段 file 中上传 CSV 或 XLSX 企业名单（企业名称、统一社会信用代码、经营范围、主营产品）');
      const format = await detectFormat(file);
      if (!format) throw new DomainError('UNSUPPORTED_FILE', '只支持 CSV（UTF-8、GBK 或 UTF-16）或 XLSX 文件，表头为：企业名称、统一社会信用代码、经营范围、主营产品');
      const { matcher } = await this.matchers.current();
      const firms: NewParkFirm[] = [];
      const errors: { row: number; errors: { field?: string; message: string }[] }[] = [];
      try {
        for await (const r of readCompanyRows(await companyListRows(createReadStream(file.path), format))) {
          if (!r.ok) errors.push({ row: r.row, errors: r.errors });
          else if (firms.length >= FIRM_LIST_MAX) errors.push({ row: r.row, errors: [{ message: `园区现有企业名单最多 ${FIRM_LIST_MAX} 家，此行未导入` }] });
          else {
            const c = r.company;
            firms.push({ id: randomUUID(), row: r.row, name: c.name, creditCode: c.creditCode, scope: c.scope, products: c.products, nodes: this.nodesOf(matcher, [c.products, c.scope].filter(Boolean).join('。')) });
            if (firms.length % 500 === 0) await yieldToOthers();
          }
        }
      } catch (e) {
        if (e instanceof BatchFileError) throw new DomainError('FIRM_LIST_INVALID', e.message);
        throw e;
      }
      if (!firms.length) throw new DomainError('FIRM_LIST_INVALID', errors.length ? `没有一行可以导入：${errors.slice(0, 3).map((e) => `第 ${e.row} 行 ${e.errors.map((x) => x.message).join('；')}`).join('；')}` : '文件中没有企业', errors.slice(0, 100).map((e) => ({ field: `row ${e.row}`, message: e.errors.map((x) => x.message).join('；') })));
      const filename = file.originalname.slice(0, 200);
      await this.uow.transaction((r) => r.industryMap.replaceFirms(parkId, firms, { filename, uploadedBy: actorName(viewer) }));
      return { parkId, filename, rowsOk: firms.length, rowsFailed: errors.length, errors: errors.slice(0, 100), recognised: firms.filter((f) => f.nodes.length).length };
    } finally {
      if (file) await rm(file.path, { force: true });
    }
  }

  async firms(parkId: string, viewer: Viewer) {
    await this.parkFor(parkId, viewer, false);
    const rows = await this.uow.read((r) => r.industryMap.firms(parkId));
    return {
      parkId,
      total: rows.length,
      filename: rows[0]?.filename ?? null,
      uploadedBy: rows[0]?.uploaded_by ?? null,
      uploadedAt: rows[0]?.created_at ?? null,
      items: rows.map((f) => ({ row: f.row, name: f.name, creditCode: f.credit_code, scope: f.scope, products: f.products, nodes: f.nodes.map((id) => ({ id, label: this.label.get(id) ?? id })) })),
    };
  }

  /** The park's chain nodes, each covered (by which firms and projects) or a gap. */
  async chain(parkId: string, viewer: Viewer) {
    const park = await this.parkFor(parkId, viewer, false);
    const nodes = await this.nodes(parkId);
    const ref = (id: string) => ({ id, label: this.label.get(id) ?? id });
    const { covers } = await this.map.parkChain(parkId);
    return {
      parkId, park: park.name,
      covers: covers.map(ref),
      summary: { links: nodes.length, covered: nodes.filter((n) => n.status === 'covered').length, gaps: nodes.filter((n) => n.status === 'gap').length },
      nodes,
      definitions: {
        nodes: '园区链上环节 = 与园区主攻方向所覆盖环节直接上下游相连、但不在主攻方向之内的环节',
        covered: '已覆盖 = 园区已承接的项目（识别行业）或上传的现有企业（主营产品、经营范围）属于该环节或其下级环节',
        gap: '补链缺口 = 园区现有企业与已承接项目都未覆盖的链上环节',
      },
    };
  }

  /** The park's open gaps by node id (prospect scoring). */
  async gaps(parkId: string): Promise<Map<string, ChainNode>> {
    return new Map((await this.nodes(parkId)).filter((n) => n.status === 'gap').map((n) => [n.id, n]));
  }

  private async nodes(parkId: string): Promise<ChainNode[]> {
    const [{ links }, firms, projects] = await Promise.all([
      this.map.parkChain(parkId),
      this.uow.read((r) => r.industryMap.firms(parkId)),
      this.uow.read((r) => r.industryMap.acceptedProjects(parkId)),
    ]);
    const by = new Map<string, By[]>();
    const add = (node: string, b: By) => by.set(node, [...(by.get(node) ?? []), b]);
    for (const f of firms) for (const n of f.nodes) add(n, { kind: 'firm', name: f.name });
    for (const p of projects) {
      const n = this.byLabel.get(p.primary_sector!);
      if (!n) continue;
      add(n, { kind: 'project', code: p.code, stage: p.stage });
      for (const parent of this.parents.get(n) ?? []) add(parent, { kind: 'project', code: p.code, stage: p.stage });
    }
    const out = new Map<string, ChainNode>();
    for (const l of links) {
      let n = out.get(l.node);
      if (!n) {
        const b = by.get(l.node) ?? [];
        n = { id: l.node, label: this.label.get(l.node) ?? l.node, of: [], status: b.length ? 'covered' : 'gap', by: b.slice(0, 20) };
        out.set(l.node, n);
      }
      n.of.push({ id: l.of, label: this.label.get(l.of) ?? l.of, relation: l.relation });
    }
    return [...out.values()].sort((a, b) => (a.status === b.status ? a.label.localeCompare(b.label, 'zh') : a.status === 'gap' ? -1 : 1));
  }
}
