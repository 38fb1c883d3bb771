import { csvCell, toCsvLine, toCsvText } from './csv.js';

describe('the one CSV writer', () => {
  it('quotes a field holding a comma, a quote or a line break, and ends lines with CRLF', () => {
    expect(toCsvLine(['南通,"创新"区', '第一行\n第二行', 'a\rb', '普通'])).toBe('"南通,""创新""区","第一行\n第二行","a\rb",普通\r\n');
  });

  it('prefixes text a spreadsheet would run as a formula or DDE with an apostrophe', () => {
    expect(['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', '\tcmd', '\rcmd'].map(csvCell)).toEqual([
      `"'=HYPERLINK(""http://x"")"`, "'+1", "'-2", "'@SUM(A1)", "'\tcmd", `"'\rcmd"`,
    ]);
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes numbers as numbers (a negative amount stays a number) and empty cells as nothing', () => {
    expect(toCsvLine([-1.5, 0, null, undefined, ''])).toBe('-1.5,0,,,\r\n');
  });

  it('prepends a byte-order mark for Excel unless asked not to', () => {
    expect(toCsvText([['名称', '金额'], ['崇川', 3]])).toBe('\uFEFF名称,金额\r\n崇川,3\r\n');
    expect(toCsvText([['名称']], { bom: false })).toBe('名称\r\n');
  });
});
