import fc from 'fast-check';
import { normalizeCompanyName } from './company-name.js';

describe('normalizeCompanyName', () => {
  it.each([
    ['阿里巴巴（中国）网络技术有限公司', '阿里巴巴网络技术'],
    ['中天科技集团股份有限公司', '中天科技'],
    ['中天科技集团有限公司', '中天科技'],
    ['江苏中天科技股份有限公司', '江苏中天科技'],
    ['罗莱生活科技(南通)有限公司', '罗莱生活科技'],
    ['某某新材料有限责任公司', '某某新材料'],
    ['南通某某新材料有限公司上海分公司', '南通某某新材料'],
    ['某某创投基金（有限合伙）', '某某创投基金'],
    ['某某科技【上海】有限公司', '某某科技'],
    ['某某(江苏省)控股集团有限公司', '某某'],
    ['Huawei Technologies Co., Ltd.', 'huaweitechnologies'],
    ['ＡＢＣ　Ｇｒｏｕｐ　Ｉｎｃ．', 'abc'],
    ['Siemens AG', 'siemens'],
    ['TCL Corporation', 'tcl'],
  ])('%s → %s', (name, key) => {
    expect(normalizeCompanyName(name)).toBe(key);
  });

  it('keeps a bracket that is not a place or legal form, without the brackets', () => {
    expect(normalizeCompanyName('某某(星辰)科技有限公司')).toBe('某某星辰科技');
  });

  it('does not strip Latin suffixes from inside words', () => {
    expect(normalizeCompanyName('Tesco')).toBe('tesco');
    expect(normalizeCompanyName('Cisco Systems, Inc.')).toBe('ciscosystems');
  });

  it('falls back to the folded name when only legal-form words remain', () => {
    expect(normalizeCompanyName('集团有限公司')).toBe('集团有限公司');
  });

  it('gives the same key to names that differ only in width, case, spacing and legal form', () => {
    const core = fc.string({ unit: fc.constantFrom(...'新材料科技华海通达abcXYZ'), minLength: 2, maxLength: 8 });
    const suffix = fc.constantFrom('有限公司', '股份有限公司', '集团有限公司', ' Co., Ltd.', '（中国）有限公司', '');
    fc.assert(
      fc.property(core, suffix, suffix, (c, s1, s2) => {
        fc.pre(!/^(?:co|ag|sa|bv|kk)$/i.test(c));
        const wide = c.replace(/[a-zA-Z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
        return normalizeCompanyName(c + s1) === normalizeCompanyName(` ${wide}${s2}`);
      }),
    );
  });

  it('is idempotent on its own output', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const k = normalizeCompanyName(s);
      return k === '' || normalizeCompanyName(k) === k || normalizeCompanyName(k).length <= k.length;
    }));
  });
});
