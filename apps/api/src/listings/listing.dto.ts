import { BadRequestException } from '@nestjs/common';
import { LISTING_REQUESTS } from '#contract';
import { LISTING_KINDS, type ListingKind } from '#domain';
import type { ListingInput } from '#pipeline';
import { parseBody } from '../common/body.js';

export const LISTING_EXAMPLES = {
  scenario: { kind: 'scenario', title: '港口自动化系泊系统应用场景', sectors: ['智能装备'], owner: '如皋港集团（链主企业）', description: '码头泊位开放自动化系泊与无人化装卸试点，欢迎具备系泊机器人、视觉定位能力的企业参与。', budgetWan: 800, pilotTerms: '首台套示范，免费提供两个泊位试用 6 个月', deadline: '2027-06-30' },
  fund: { kind: 'fund', title: '如东第三代半导体产业基金', sectors: ['第三代半导体', '集成电路'], description: '重点投资碳化硅、氮化镓材料与功率器件企业。', stages: ['成长期'], sizeCny100m: 20, ticketMinWan: 2000, ticketMaxWan: 30000 },
  carrier: { kind: 'carrier', title: '如东开发区 120 亩工业地块', sectors: [], carrierKind: '地块', description: '三通一平，紧邻 220kV 变电站。', area: { value: 120, unit: '亩' }, powerKva: 20000, price: '25 万元/亩', availability: 'available' },
};

/** A listing body: the contract's schema of its kind (unknown fields refused), else a 400 naming the field. */
export function parseListing(body: unknown): ListingInput {
  const kind = (body && typeof body === 'object' && !Array.isArray(body) ? (body as { kind?: unknown }).kind : undefined) as ListingKind | undefined;
  if (!kind || !LISTING_KINDS.includes(kind))
    throw new BadRequestException({ message: 'kind 须为 scenario（应用场景）/ fund（基金）/ carrier（载体）', details: [{ field: 'kind', message: '缺少或不认识的种类' }] });
  return parseBody(LISTING_REQUESTS[kind], body) as ListingInput;
}
