import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';
import { CARRIER_AVAILABILITY, CARRIER_KINDS, FUND_STAGES, LISTING_KINDS, LISTING_STATUSES, type ListingKind } from '#domain';
import type { ListingInput } from '#pipeline';
import { parseBody } from '../common/body.js';
import { isoDate } from '../common/query.js';

const text = (label: string, max: number) => z.string({ message: `${label}须为文字` }).trim().min(1, `请填写${label}`).max(max, `${label}不超过 ${max} 字`);
const positive = (label: string, max: number) => z.number({ message: `${label}须为数字` }).positive(`${label}须大于 0`).max(max, `${label}过大，请核对单位`);

const common = {
  kind: z.enum(LISTING_KINDS, { message: '须为 scenario（应用场景）/ fund（基金）/ carrier（载体）' }),
  park: z.string().trim().min(1).max(50).optional(),
  title: text('标题', 100),
  description: text('说明', 2000),
  status: z.enum(LISTING_STATUSES, { message: '须为 open（开放）或 closed（已关闭）' }).optional(),
  note: z.string().trim().max(500, '修订说明不超过 500 字').optional(),
};
const sectors = (min: number) =>
  z.array(text('行业', 50), { message: 'sectors 须为行业名称数组，如 ["第三代半导体"]' }).min(min, '请至少填写一个行业（sectors）').max(10, '行业最多 10 个');

const SHAPES = {
  scenario: {
    ...common,
    sectors: sectors(1),
    owner: z.string().trim().max(100, '发布主体不超过 100 字').optional(),
    budgetWan: positive('预算（万元）', 10_000_000).optional(),
    pilotTerms: z.string().trim().max(1000, '试点条件不超过 1000 字').optional(),
    deadline: isoDate,
  },
  fund: {
    ...common,
    sectors: sectors(1),
    stages: z.array(z.enum(FUND_STAGES, { message: `投资阶段须为 ${FUND_STAGES.join(' / ')}` })).min(1, '请至少选择一个投资阶段（stages）'),
    sizeCny100m: positive('基金规模（亿元）', 10_000),
    ticketMinWan: positive('单笔投资下限（万元）', 10_000_000).optional(),
    ticketMaxWan: positive('单笔投资上限（万元）', 10_000_000).optional(),
  },
  carrier: {
    ...common,
    sectors: sectors(0).default([]),
    carrierKind: z.enum(CARRIER_KINDS, { message: `载体类型须为 ${CARRIER_KINDS.join(' / ')}` }),
    area: z.object({ value: positive('面积', 10_000_000), unit: z.enum(['平方米', '亩'], { message: '面积单位须为 平方米 或 亩' }) }, { message: '请填写面积 area：{ value, unit: 平方米 | 亩 }' }).strict(),
    floorLoadKn: positive('楼面荷载（kN/㎡）', 1000).optional(),
    cleanRoom: z.string().trim().max(30, '洁净等级不超过 30 字').optional(),
    powerKva: positive('供电容量（kVA）', 10_000_000).optional(),
    price: z.string().trim().max(100, '价格不超过 100 字').optional(),
    availability: z.enum(CARRIER_AVAILABILITY, { message: '须为 available（可租售）/ partial（部分可用）/ occupied（已满）' }),
    availableFrom: isoDate.optional(),
  },
} as const;

export const LISTING_EXAMPLES = {
  scenario: { kind: 'scenario', title: '港口自动化系泊系统应用场景', sectors: ['智能装备'], owner: '如皋港集团（链主企业）', description: '码头泊位开放自动化系泊与无人化装卸试点，欢迎具备系泊机器人、视觉定位能力的企业参与。', budgetWan: 800, pilotTerms: '首台套示范，免费提供两个泊位试用 6 个月', deadline: '2027-06-30' },
  fund: { kind: 'fund', title: '如东第三代半导体产业基金', sectors: ['第三代半导体', '集成电路'], description: '重点投资碳化硅、氮化镓材料与功率器件企业。', stages: ['成长期'], sizeCny100m: 20, ticketMinWan: 2000, ticketMaxWan: 30000 },
  carrier: { kind: 'carrier', title: '如东开发区 120 亩工业地块', sectors: [], carrierKind: '地块', description: '三通一平，紧邻 220kV 变电站。', area: { value: 120, unit: '亩' }, powerKva: 20000, price: '25 万元/亩', availability: 'available' },
};

/** A listing body: the shape of its kind (unknown fields refused), else a 400 naming the field. */
export function parseListing(body: unknown): ListingInput {
  const kind = (body && typeof body === 'object' && !Array.isArray(body) ? (body as { kind?: unknown }).kind : undefined) as ListingKind | undefined;
  if (!kind || !LISTING_KINDS.includes(kind))
    throw new BadRequestException({ message: 'kind 须为 scenario（应用场景）/ fund（基金）/ carrier（载体）', details: [{ field: 'kind', message: '缺少或不认识的种类' }] });
  const parsed = parseBody(SHAPES[kind] as z.ZodRawShape, body) as unknown as ListingInput;
  if (kind === 'scenario' && parsed.budgetWan === undefined && !parsed.pilotTerms)
    throw new BadRequestException({ message: '应用场景请填写预算（budgetWan，万元）或试点条件（pilotTerms）', details: [{ field: 'budgetWan', message: '预算或试点条件至少填一项' }] });
  return parsed;
}
