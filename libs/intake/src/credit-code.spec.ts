import fc from 'fast-check';
import { creditCodeCheckChar, orgCodeCheckChar, validateCreditCode } from './credit-code.js';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// Codes of large companies as publicly listed (national enterprise credit information system). Each was
// checked against both check characters (GB 11714 and GB 32100): a mistyped code passes both only about
// once in 341 times, so these also validate the algorithm, not just the other way round.
const KNOWN_VALID = [
  '914403001922038216',
  '91440300708461136T',
  '91330100716105852F',
  '91110000710926094P',
  '91110000100017643K',
  '91110000802100433B',
  '91440101MA5CJQ4N59',
];

/** Valid codes built from random parts: enterprise authority/type, a Jiangsu division, a random body. */
const validCode = fc
  .tuple(
    fc.constantFrom('91', '92', '93', '12', '52', '11', '31'),
    fc.constantFrom('320600', '320612', '320681', '110000', '100000'),
    fc.string({ unit: fc.constantFrom(...CHARSET), minLength: 8, maxLength: 8 }),
  )
  .map(([head, division, body]) => {
    const first17 = head + division + body + orgCodeCheckChar(body);
    return first17 + creditCodeCheckChar(first17);
  })

describe('validateCreditCode', () => {
  it.each(KNOWN_VALID)('accepts the published code %s', (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: true, code });
  });

  it('normalizes full-width characters, lower case and separators first', () => {
    expect(validateCreditCode(' ９１１１００００１０００１７６４３ｋ ')).toEqual({ ok: true, code: '91110000100017643K' });
    expect(validateCreditCode('9144 0300 7084 6113 6t')).toEqual({ ok: true, code: '91440300708461136T' });
  });

  it('rejects a code that is too short, too long or empty, saying how long it is', () => {
    expect(validateCreditCode('9132060012345')).toEqual({ ok: false, reason: '统一社会信用代码应为 18 位，当前为 13 位' });
    expect(validateCreditCode('')).toEqual({ ok: false, reason: '统一社会信用代码为空' });
  });

  it.each(['I', 'O', 'Z', 'S', 'V', '*'])('rejects the character %s, naming its position', (ch) => {
    const code = `91110000100017643${ch}`;
    expect(validateCreditCode(code)).toEqual({
      ok: false,
      reason: expect.stringMatching(/^统一社会信用代码第 18 位“.”不是有效字符/),
    });
  });

  it('rejects a wrong final check character', () => {
    expect(validateCreditCode('91110000100017643J')).toEqual({ ok: false, reason: '统一社会信用代码校验位不符，请逐位核对是否抄错' });
  });

  it('rejects an unknown registration authority, a type the authority does not issue, and an unknown division', () => {
    const withCheck = (first17: string) => first17 + creditCodeCheckChar(first17);
    expect(validateCreditCode(withCheck('B1320600MA1Y2Q3R1'))).toMatchObject({ reason: expect.stringContaining('登记管理部门代码“B”') });
    expect(validateCreditCode(withCheck('94320600MA1Y2Q3R1'))).toMatchObject({ reason: expect.stringContaining('机构类别代码“4”') });
    expect(validateCreditCode(withCheck('91990600MA1Y2Q3R1'))).toMatchObject({ reason: expect.stringContaining('行政区划码“990600”') });
  });

  it('rejects an organization code whose GB 11714 check character is wrong even when the final check fits', () => {
    const first17 = '91320600MA1Y2Q3R2'; // body check should be 1
    expect(validateCreditCode(first17 + creditCodeCheckChar(first17))).toEqual({
      ok: false,
      reason: '统一社会信用代码第 9–17 位组织机构代码的校验位不符，请核对',
    });
  });

  it('accepts every generated valid code', () => {
    fc.assert(fc.property(validCode, (code) => validateCreditCode(code).ok));
  });

  it('rejects any single-character change of a valid code', () => {
    const arbitrary = fc.tuple(
      fc.oneof(validCode, fc.constantFrom(...KNOWN_VALID)),
      fc.nat({ max: 17 }),
      fc.constantFrom(...`${CHARSET}IOZSV`),
    );
    fc.assert(
      fc.property(arbitrary, ([code, position, ch]) => {
        fc.pre(code[position] !== ch);
        const changed = code.slice(0, position) + ch + code.slice(position + 1);
        return !validateCreditCode(changed).ok;
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects a swap of two different adjacent characters (the commonest copying slip)', () => {
    fc.assert(
      fc.property(validCode, fc.nat({ max: 16 }), (code, i) => {
        fc.pre(code[i] !== code[i + 1]);
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        return !validateCreditCode(swapped).ok;
      }),
    );
  });
});
