import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { csvCell } from '../src/lib/csv';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+86 138', "'+86 138"],
    ['-1+2', "'-1+2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['空调漏水', '空调漏水'],
  ])('writes %j as %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('writes numbers, booleans and empty values as they are', () => {
    expect([csvCell(-5), csvCell(3.5), csvCell(true), csvCell(null), csvCell(undefined), csvCell('')]).toEqual(['-5', '3.5', 'true', '', '', '']);
  });

  it('round-trips any text through a CSV parser, with the guard quote only before formula starters', () => {
    fc.assert(fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (cells) => {
      const line = cells.map(csvCell).join(',');
      const [row] = parse(`${line}\n`, { relax_column_count: true }) as string[][];
      const expected = cells.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c));
      expect(row).toEqual(expected);
    }));
  });
});
