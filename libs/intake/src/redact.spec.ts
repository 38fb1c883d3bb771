import { companyNameForms, REDACTION_MARK as M, redactLeadText, redactText } from './redact.js';

const lead = {
  company: '江苏澜沧星穹氢能科技有限公司',
  creditCode: '91320600MA1MXXE17K',
  contacts: [{ name: '欧阳震华', phone: '13912345678', email: 'zhen.hua@lancang-xq.cn' }],
};

describe('redactText: the lead’s own values', () => {
  it.each([
    ['江苏澜沧星穹氢能科技有限公司计划在南通建设电堆产线', `${M}计划在南通建设电堆产线`],
    ['澜沧星穹氢能科技拟投资 5 亿元', `${M}拟投资 5 亿元`],
    ['澜沧星穹计划扩产氢燃料电池', `${M}计划扩产氢燃料电池`],
    ['澜沧 星穹 的电堆', `${M} 的电堆`],
    ['代码 91320600MA1MXXE17K 已核验', `代码 ${M} 已核验`],
    ['代码 91320600ma1mxxe17k', `代码 ${M}`],
    ['请找欧阳震华了解', `请找${M}了解`],
    ['电话139-1234-5678', `电话${M}`],
    ['邮件 ZHEN.HUA@lancang-xq.cn 或 zhen.hua', `邮件 ${M} 或 ${M}`],
    ['全角：ＺＨＥＮ．ＨＵＡ＠ｌａｎｃａｎｇ－ｘｑ．ｃｎ', `全角：${M}`],
  ])('%s', (text, expected) => {
    expect(redactText(text, lead)).toBe(expected);
  });

  it('English company names and their distinctive word', () => {
    const s = { company: 'Zephyrion Dynamics Co., Ltd.' };
    expect(companyNameForms(s.company)).toEqual(expect.arrayContaining(['zephyriondynamics', 'zephyrion']));
    expect(redactText('Zephyrion plans a SiC line; ZEPHYRION DYNAMICS wants 80 mu.', s)).toBe(`${M} plans a SiC line; ${M} wants 80 mu.`);
  });

  it('short Latin or digit values do not wipe ordinary words', () => {
    expect(redactText('lithium line, 12 units', { contacts: [{ name: 'Li', email: 'li@a.cn', phone: '12' }] })).toBe('lithium line, 12 units');
  });
});

describe('redactText: patterns', () => {
  it.each([
    // company names
    ['与南通某某新材料有限公司合作建设', `与${M}合作建设`],
    ['由上海飞鸿集团投资', `由${M}投资`],
    ['合作方为苏州远景研究院', `合作方为${M}`],
    ['We partner with Acme Widgets Co., Ltd. on SiC.', `We partner with ${M} on SiC.`],
    ['Backed by Northwind Holdings, and by Contoso Inc.', `Backed by ${M}, and by ${M}`],
    ['contact us for details', 'contact us for details'],
    // credit codes and ID numbers
    ['统一社会信用代码：91320623MA1N2P3Q4R。', `统一社会信用代码：${M}。`],
    ['身份证320602199001011234', `身份证${M}`],
    ['证件号 32060219900101123X', `证件号 ${M}`],
    ['老身份证 320602900101123', `老身份证 ${M}`],
    // people
    ['联系人张伟，手机13912345678', `联系人${M}，手机${M}`],
    ['联系人：李娜', `联系人：${M}`],
    ['请与张经理联系', `请与${M}联系`],
    ['王总表示满意', `${M}表示满意`],
    ['李女士负责对接', `${M}负责对接`],
    ['陈先生、周博士参加', `${M}、${M}参加`],
    ['法定代表人赵一鸣', `法定代表人${M}`],
    ['Contact Mr. Zhang for details', `Contact ${M} for details`],
    ['contact: John Smith', `contact: ${M}`],
    ['Contact person: Anna Lee.', `Contact person: ${M}.`],
    // phones
    ['手机 139 1234 5678', `手机 ${M}`],
    ['+86 139-1234-5678', M],
    ['座机0513-85123456转801', `座机${M}`],
    ['(0513) 8512 3456', M],
    ['客服 400-123-4567', `客服 ${M}`],
    ['Tel: 85123456', `Tel: ${M}`],
    // e-mail, URL, WeChat, QQ
    ['邮箱 wang.li@example.com.cn', `邮箱 ${M}`],
    ['官网 https://www.example.cn/about?x=1，欢迎访问', `官网 ${M}，欢迎访问`],
    ['见 example-tech.com/products', `见 ${M}`],
    ['微信：wl_2026abc', `微信：${M}`],
    ['加微信号 wl-2026', `加微信号 ${M}`],
    ['QQ 123456789', `QQ ${M}`],
  ])('%s', (text, expected) => {
    expect(redactText(text)).toBe(expected);
  });

  it.each([
    '项目总投资 5 亿元，用地 80 亩，年产 5000 套燃料电池系统。',
    '拟建设碳化硅功率器件产线，2026 年投产，预计年产值 12 亿元。',
    'A 200 MW electrolyser plant, 5,000 units a year from 2027.',
    '公司总部位于上海，研发团队 120 人，施工期 18 个月。',
    '第三代半导体 SiC/GaN 外延片，良率 95%。',
  ])('keeps what identifies nobody: %s', (text) => {
    expect(redactText(text)).toBe(text);
  });

  it('merges neighbouring marks and keeps the rest of the text as typed (full-width punctuation too)', () => {
    expect(redactText('联系人张伟 13912345678，（详见官网）')).toBe(`联系人${M}，（详见官网）`);
  });

  it('a description made only of identifying values leaves only marks', () => {
    expect(redactText('zhen.hua@lancang-xq.cn 13912345678', lead)).toBe(M);
  });
});

describe('redactLeadText', () => {
  it('redacts the description and the free-text sector with the lead’s own values', () => {
    expect(redactLeadText({ ...lead, description: '澜沧星穹的氢能项目，联系人欧阳震华', sector: '氢能（澜沧星穹专供）' })).toEqual({
      description: `${M}的氢能项目，联系人${M}`,
      sector: `氢能（${M}专供）`,
    });
    expect(redactLeadText({ description: '氢能项目' })).toEqual({ description: '氢能项目', sector: null });
  });
});
