import { Injectable } from '@nestjs/common';
import { loadDistributionPolicy } from '#catalog';
import { selectOfferParks } from '#domain';
import type { MatchPark, Ranking } from '#matching';
import { type DirectionRow, UnitOfWork } from '#persistence';
import { DomainError } from '#errors';
import { suggestFields, type FieldSuggestions } from '#intake';
import { MatcherService } from './matcher.service.js';
import { RescoreService } from './rescore.service.js';

/** How many open leads the revision preview compares (newest first). */
const PREVIEW_LIMIT = 5000;

export interface DirectionInput {
  text: string;
  en?: string;
}

/** "新材料（铝镁合金、磁性材料）" → name 新材料, sub-directions 铝镁合金 and 磁性材料. */
export function parseDirection(input: DirectionInput, previous: DirectionRow[]): DirectionRow {
  const text = input.text.trim();
  const m = /^(.*?)[（(](.*)[）)]\s*$/.exec(text);
  const name = (m ? m[1]! : text).trim();
  const subDirections = m ? m[2]!.split(/[、，,;；]/).map((s) => s.trim()).filter(Boolean) : [];
  const en = input.en?.trim() || previous.find((d) => d.name === name)?.en || name;
  return { text, name, subDirections, en };
}

/**
 * The yearly revision of a park profile (动态评估): a preview of which open leads would change rank under the
 * proposed directions, before anything is saved; then the save as a new version and a rescore of open leads.
 */
@Injectable()
export class ParkRevisionService {
  private readonly policy = loadDistributionPolicy();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly matchers: MatcherService,
    private readonly rescore: RescoreService,
  ) {}

  /** The ranking of a text as a lead would get it now; nothing is stored (the live lead form). */
  async previewLead(text: string, sector?: string, amountWan?: number, landMu?: number, originBoard?: string): Promise<Ranking & { profileVersions: Record<string, number>; offerParks: string[]; selection: string; suggested: FieldSuggestions }> {
    const { matcher, profileVersions } = await this.matchers.current();
    const ranking = matcher.rank({ text, sector, amountCny100m: amountWan !== undefined ? amountWan / 10000 : undefined, landMu });
    // 投资额/用地 the text states, for the form to offer (it fills nothing itself)
    return { ...ranking, profileVersions, ...this.selection(ranking, originBoard), suggested: suggestFields(text) };
  }

  private selection(ranking: Ranking, originBoard: string | undefined) {
    const sel = selectOfferParks(ranking.ranking, originBoard ?? '', ranking.noFit, this.policy);
    return { selection: sel.kind, offerParks: sel.kind === 'review' ? [] : sel.parks.map((p) => p.parkId) };
  }

  private async proposed(parkId: string, directions: DirectionInput[]) {
    const parks = await this.uow.read((r) => r.parks.listParks());
    const park = parks.find((p) => p.id === parkId);
    if (!park) throw new DomainError('PARK_NOT_FOUND', `园区 ${parkId} 不存在`);
    const clean = directions.filter((d) => d.text?.trim());
    if (!clean.length) throw new DomainError('PARK_PROFILE_INVALID', '至少保留一个主攻方向');
    const rows = clean.map((d) => parseDirection(d, park.directions));
    const names = rows.map((r) => r.name);
    if (new Set(names).size !== names.length) throw new DomainError('PARK_PROFILE_INVALID', '主攻方向有重复：' + names.filter((n, i) => names.indexOf(n) !== i).join('、'));
    const matchParks: MatchPark[] = parks.map((p) => ({ id: p.id, name: p.name, board: p.board.id, directions: p.id === parkId ? rows : p.directions }));
    return { park, rows, seedText: rows.map((r) => r.text).join('、'), matchParks };
  }

  /** Which open leads would change rank (for this park, or their best park, or where they would be offered). */
  async previewRevision(parkId: string, directions: DirectionInput[]) {
    const { park, rows, seedText, matchParks } = await this.proposed(parkId, directions);
    const { matcher: now } = await this.matchers.current();
    const next = this.matchers.forProfiles(matchParks);
    const leads = await this.uow.read((r) => r.leads.newestOpen(PREVIEW_LIMIT));
    const changes = [];
    let up = 0;
    let down = 0;
    for (const l of leads) {
      // the text live scoring reads (ScoringService), so the preview predicts what the revision will do
      const input = { text: l.description_redacted, sector: l.sector_redacted ?? undefined, amountCny100m: l.amount_wan !== null ? l.amount_wan / 10000 : undefined, landMu: l.land_mu ?? undefined };
      const a = now.rank(input);
      const b = next.rank(input);
      const pa = a.ranking.find((x) => x.parkId === parkId)!;
      const pb = b.ranking.find((x) => x.parkId === parkId)!;
      const sa = this.selection(a, l.origin_board_id);
      const sb = this.selection(b, l.origin_board_id);
      const offerChanged = sa.offerParks.join() !== sb.offerParks.join() || sa.selection !== sb.selection;
      if (pa.rank === pb.rank && a.ranking[0]?.parkId === b.ranking[0]?.parkId && !offerChanged) continue;
      if (pb.rank < pa.rank) up++;
      else if (pb.rank > pa.rank) down++;
      changes.push({
        leadId: l.id,
        code: l.code,
        company: l.company,
        summary: l.description.slice(0, 80),
        status: l.status,
        before: { rank: pa.rank, score: pa.score, top: a.ranking[0]?.park ?? null, offerParks: sa.offerParks, selection: sa.selection },
        after: { rank: pb.rank, score: pb.score, top: b.ranking[0]?.park ?? null, offerParks: sb.offerParks, selection: sb.selection },
        offerChanged,
      });
    }
    changes.sort((x, y) => Math.abs(y.after.rank - y.before.rank) - Math.abs(x.after.rank - x.before.rank) || x.code.localeCompare(y.code));
    return {
      parkId,
      park: park.name,
      currentVersion: park.currentVersion,
      proposed: { seedText, directions: rows },
      unchanged: seedText === park.seedText,
      openLeads: leads.length,
      changed: changes.length,
      rankUp: up,
      rankDown: down,
      offerChanges: changes.filter((c) => c.offerChanged).length,
      changes: changes.slice(0, 200),
    };
  }

  /** Saves the revision as a new profile version and rescores every open lead in the background. */
  async saveRevision(parkId: string, directions: DirectionInput[], actor: string, note: string) {
    const { rows, seedText } = await this.proposed(parkId, directions);
    const saved = await this.uow.transaction((r) => r.parks.addVersion(parkId, { seedText, directions: rows }, `年度动态评估：${note}`, actor));
    if (!saved) throw new DomainError('PARK_NOT_FOUND', `园区 ${parkId} 不存在`);
    if (!saved.added) return { parkId, version: saved.version, added: false, rescoreRunId: null };
    const { runId } = await this.rescore.start(`园区 ${parkId} 画像修订为第 ${saved.version} 版：${note}`.slice(0, 200));
    return { parkId, version: saved.version, added: true, rescoreRunId: runId };
  }
}
