import { DomainError } from '#errors';
import fc from 'fast-check';
import { assertSafeInput } from './safe-input.js';

function refusal(value: unknown, where: 'param' | 'query' | 'body', root = ''): { field?: string; message: string } | undefined {
  try {
    assertSafeInput(value, where, root);
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return (e as DomainError).details![0];
  }
}

describe('assertSafeInput: the one check over path, query and body values', () => {
  it('names the field of a control character at any depth, in values and in key names', () => {
    expect(refusal({ values: [{ note: 'a\u0000b' }] }, 'body')).toMatchObject({ field: 'values.0.note', message: expect.stringContaining('U+0000') });
    expect(refusal({ ['bad\u0001key']: 1 }, 'body')?.field).toBe('bad\\u0001key');
    expect(refusal('x\u007f', 'param', 'id')).toMatchObject({ field: 'id', message: expect.stringMatching(/^路径参数 id 含控制字符/) });
  });

  it('lets tab and line breaks through in a body (free text), not in a URL', () => {
    expect(refusal({ description: '第一行\r\n第二行\t完' }, 'body')).toBeUndefined();
    expect(refusal({ q: 'a\tb' }, 'query')?.field).toBe('q');
  });

  it('refuses lone surrogates but keeps whole characters outside the BMP', () => {
    expect(refusal({ company: '氢途\ud800动力' }, 'body')).toMatchObject({ field: 'company', message: expect.stringContaining('U+D800') });
    expect(refusal({ company: '\udfff' }, 'body')?.field).toBe('company');
    expect(refusal({ company: '𠀀𠀁😀' }, 'body')).toBeUndefined();
  });

  it('refuses a body nested past 32 levels without overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(refusal(deep, 'body')?.message).toContain('嵌套过深');
  });

  it('passes every string without control characters or lone surrogates', () => {
    const clean = fc.string({ unit: 'grapheme' }).filter((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s));
    fc.assert(fc.property(fc.dictionary(clean, clean), (o) => refusal(o, 'query') === undefined), { seed: 42 });
  });
});
