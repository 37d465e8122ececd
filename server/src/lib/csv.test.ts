import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { csvCell, csvRows } from './csv';

describe('csvCell (finding 3: CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ["+cmd|' /C calc'!A0", `'+cmd|' /C calc'!A0`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `"'\t=1"`],
    ['\r=1', `"'\r=1"`],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['两行\n文字', '"两行\n文字"'],
  ])('writes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes numbers, booleans and empty values as they are', () => {
    expect([csvCell(-5), csvCell(3.5), csvCell(true), csvCell(null), csvCell(undefined)]).toEqual(['-5', '3.5', 'true', '', '']);
  });

  it('round-trips any text through an RFC 4180 parser, with a leading quote only before formula characters', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), (rows) => {
        const parsed = parse(csvRows(rows), { relax_column_count: true }) as string[][];
        const expected = rows.map((r) => r.map((v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v)));
        expect(parsed).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
