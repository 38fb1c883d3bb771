import type { TestPlatform } from './platform.js';

/** Realistic leads for tests: descriptions a promotion officer would write, no dev-set companies. */
export const SAMPLE_LEADS = {
  sic: {
    company: '江苏芯能碳化硅科技有限公司',
    description: '碳化硅功率器件及外延片项目，建设6英寸SiC晶圆产线，年产车规级功率模块100万只。',
    amount: { value: 20, unit: '亿元' },
    landMu: 150,
    channel: '产业链招商',
    contacts: [{ name: '张经理', phone: '13800000000' }],
  },
  hydrogen: {
    company: '上海氢途动力科技有限公司',
    description: '氢燃料电池电堆与膜电极生产基地，配套加氢站示范运营，年产燃料电池系统5000套。',
    amount: { value: 8, unit: '亿元' },
    channel: '科技招商',
  },
  textile: {
    company: '浙江锦绣家纺有限公司',
    description: '高端床上用品与功能性家纺面料生产项目，引进智能织造与数码印花设备。',
    amount: { value: 3, unit: '亿元' },
  },
  bakery: {
    description: '连锁烘焙食品中央工厂，生产面包、蛋糕等烘焙食品并配送门店，配套冷链物流中心。',
    amount: { value: 1.5, unit: '亿元' },
  },
} as const;

export function lead(kind: keyof typeof SAMPLE_LEADS, originBoard: string, extra: Record<string, unknown> = {}) {
  return { ...SAMPLE_LEADS[kind], originBoard, submitter: `${originBoard}-招商专员`, ...extra };
}

/**
 * The park a scored lead was first offered to accepts it, as its operator does (call after p.drain()); with the
 * sharing record a cross-board acceptance proposes.
 */
export async function acceptFirstOffer(p: TestPlatform, leadId: string) {
  const { offers } = (await p.call('GET', `/api/leads/${leadId}`, undefined, { as: 'manager' })).body;
  expect(offers.length).toBeGreaterThan(0);
  const offer = offers[0];
  const accepted = await p.call('POST', `/api/parks/${offer.parkId}/offers/${offer.id}/accept`, undefined, { as: `operator:${offer.parkId}` });
  expect(accepted.status).toBe(200);
  return { offerId: offer.id as string, parkId: offer.parkId as string, receivingBoard: offer.board as string, sharingRecordId: accepted.body.sharingRecordId as string | undefined };
}
