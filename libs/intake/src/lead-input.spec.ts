import fc from 'fast-check';
import { normalizePhone, parseChannel, parseLeadInput, type FieldError } from './lead-input.js';

const base = { description: '拟投资建设碳化硅功率器件封装测试产线', originBoard: 'haian', submitter: 'u-1' };

function errorsOf(raw: unknown, options?: Parameters<typeof parseLeadInput>[1]): FieldError[] {
  const r = parseLeadInput(raw, options);
  return r.ok ? [] : r.errors;
}

describe('parseLeadInput', () => {
  it('accepts a complete lead and normalizes every field', () => {
    const r = parseLeadInput({
      company: '  某某新材料\u200B有限公司 ',
      creditCode: '９１１１００００１０００１７６４３ｋ',
      description: `\u0007${base.description}\r\n二期扩建  `,
      sector: '第三代半导体',
      amount: { value: '5', unit: '亿' },
      landMu: '3公顷',
      channel: '产业链',
      contacts: [{ name: '张三', phone: '+86 138-1234-5678', email: 'Zhang.San@Example.COM' }],
      originBoard: 'haian',
      submitter: 'u-1',
    });
    expect(r).toEqual({
      ok: true,
      lead: {
        company: '某某新材料有限公司',
        creditCode: '91110000100017643K',
        description: `${base.description}\n二期扩建`,
        sector: '第三代半导体',
        amount: { value: 5, unit: '亿元' },
        landMu: 45,
        channel: '产业链招商',
        contacts: [{ name: '张三', phone: '13812345678', email: 'Zhang.San@example.com' }],
        originBoard: 'haian',
        submitter: 'u-1',
      },
    });
  });

  it('needs only a description, the origin board and the submitter; blanks mean "not given"', () => {
    expect(parseLeadInput({ ...base, company: ' ', creditCode: '', sector: null, amount: '' })).toEqual({
      ok: true,
      lead: { ...base, contacts: [] },
    });
  });

  it('accepts an amount as free text', () => {
    expect(parseLeadInput({ ...base, amount: '约10亿元' })).toMatchObject({ ok: true, lead: { amount: { value: 10, unit: '亿元', approximate: true } } });
  });

  it('reports every problem at once, each naming its field in Chinese', () => {
    const errors = errorsOf({
      description: '太短了',
      creditCode: '91110000100017643J',
      amount: '五亿',
      landMu: -1,
      channel: '招商',
      contacts: [{ phone: '123', email: 'not-an-email' }],
      originBoard: 'Hai An',
      unknown: 1,
    });
    expect(errors).toEqual([
      { field: 'creditCode', message: '统一社会信用代码校验位不符，请逐位核对是否抄错' },
      { field: 'description', message: '项目描述至少需要 10 个字，当前 3 个字' },
      { field: 'amount', message: '投资额“五亿”无法识别，请填写阿拉伯数字加单位，如 5亿元、3000万元、500万美元' },
      { field: 'landMu', message: '用地（亩）不能为负数' },
      { field: 'channel', message: '招商渠道“招商”无效，应为 场景招商、产业链招商、资本招商、科技招商、平台招商 之一' },
      { field: 'contacts.0.name', message: '联系人姓名不能为空' },
      { field: 'contacts.0.phone', message: '联系电话“123”格式不对，应为 11 位手机号或带区号的座机（如 0513-85123456）' },
      { field: 'contacts.0.email', message: '联系邮箱“not-an-email”格式不对' },
      { field: 'originBoard', message: '来源板块编号格式不对' },
      { field: 'submitter', message: '提交人不能为空' },
      { field: 'unknown', message: '不支持的字段：unknown' },
    ]);
  });

  it('limits lengths in characters, not UTF-16 units', () => {
    expect(parseLeadInput({ ...base, description: '𠀀'.repeat(5000) }).ok).toBe(true);
    expect(errorsOf({ ...base, description: '项'.repeat(5001) })).toEqual([
      { field: 'description', message: '项目描述不能超过 5000 个字，当前 5001 个字' },
    ]);
    expect(errorsOf({ ...base, company: '企'.repeat(201) })).toEqual([{ field: 'company', message: '企业名称不能超过 200 个字，当前 201 个字' }]);
    expect(errorsOf({ ...base, sector: '业'.repeat(101) })[0]?.field).toBe('sector');
  });

  it('counts the description length after trimming and removing control characters', () => {
    expect(errorsOf({ ...base, description: `   ${'\u0000'.repeat(20)}九个字的描述文本啊   ` })).toEqual([
      { field: 'description', message: '项目描述至少需要 10 个字，当前 9 个字' },
    ]);
  });

  it('stores HTML as text (escaping is the job of whatever displays it)', () => {
    const description = '<script>alert(1)</script> 项目需要 <5nm 工艺';
    expect(parseLeadInput({ ...base, description })).toMatchObject({ ok: true, lead: { description } });
  });

  it('checks the origin board against a list when one is given', () => {
    expect(errorsOf({ ...base, originBoard: 'nowhere' }, { boards: ['haian', 'rugao'] })).toEqual([
      { field: 'originBoard', message: '来源板块“nowhere”不存在' },
    ]);
    expect(parseLeadInput(base, { boards: ['haian'] }).ok).toBe(true);
  });

  it('answers wrongly typed input with messages, never an exception', () => {
    expect(errorsOf(null)).toEqual([{ field: '', message: '线索数据应为一个对象（字段名: 值）' }]);
    expect(errorsOf({ ...base, description: 42, contacts: 'x', amount: [], channel: 3 })).toEqual([
      { field: 'description', message: '项目描述至少需要 10 个字，当前 2 个字' },
      { field: 'amount', message: '投资额应为 {value, unit} 或“5亿元”这样的文字' },
      { field: 'channel', message: '招商渠道“3”无效，应为 场景招商、产业链招商、资本招商、科技招商、平台招商 之一' },
      { field: 'contacts', message: '联系人应为列表' },
    ]);
    expect(errorsOf({ ...base, contacts: Array.from({ length: 11 }, () => ({ name: '张三' })) })).toEqual([
      { field: 'contacts', message: '联系人最多 10 位' },
    ]);
    fc.assert(
      fc.property(fc.anything(), fc.dictionary(fc.string(), fc.anything()), (value, extra) => {
        const r = parseLeadInput({ ...extra, ...base, description: value });
        return r.ok ? typeof r.lead.description === 'string' : r.errors.every((e) => /[\u4e00-\u9fff]/.test(e.message));
      }),
    );
  });
});

describe('normalizePhone', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['+86 138-1234-5678', '13812345678'],
    ['0513-85123456', '0513-85123456'],
    ['051385123456', '0513-85123456'],
    ['(0513)85123456', '0513-85123456'],
    ['0513-85123456-801', '0513-85123456-801'],
    ['0513-85123456转801', '0513-85123456-801'],
    ['010-62345678', '010-62345678'],
    ['021 6234 5678', '021-62345678'],
    ['+86 513 85123456', '0513-85123456'],
    ['400-123-4567', '400-123-4567'],
  ])('%s → %s', (raw, phone) => expect(normalizePhone(raw)).toBe(phone));

  it.each(['85123456', '12345678901', '1381234567', '0513-0123456', 'abc', ''])('rejects %s', (raw) => {
    expect(normalizePhone(raw)).toBeUndefined();
  });
});

describe('parseChannel', () => {
  it('accepts the full and short forms', () => {
    expect(['场景', '产业链招商', ' 资本 ', '科技', '平台招商'].map(parseChannel)).toEqual(['场景招商', '产业链招商', '资本招商', '科技招商', '平台招商']);
    expect(parseChannel('以商招商')).toBeUndefined();
  });
});
