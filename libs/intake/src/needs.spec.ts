import { extractSpaceNeeds } from './needs.js';

describe('extractSpaceNeeds reads the land and space a lead asks for', () => {
  it.each([
    ['碳化硅外延项目，需用地约80亩，用电负荷5000kVA', { landMu: 80, powerKva: 5000 }],
    ['拟供地 5.3 公顷建设生产基地', { landMu: 79.5 }],
    ['租赁标准厂房2万平方米，洁净车间 ISO 5', { floorAreaM2: 20000, cleanRoom: 'ISO 5' }],
    ['实验室面积800平米，万级洁净', { floorAreaM2: 800, cleanRoom: '万级' }],
    ['用地 50-80 亩，用电容量 8 MVA', { landMu: 80, powerKva: 8000 }],
    ['建筑面积12,000㎡的研发楼', { floorAreaM2: 12000 }],
    ['连锁烘焙食品中央工厂，年产面包1000吨', {}],
  ])('%s', (text, needs) => {
    expect(extractSpaceNeeds(text)).toEqual(needs);
  });
});
