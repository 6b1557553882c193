import { formatReportRow, parseStoreIdField, storeIdField, toReportRow } from '../src';

const ZERO = {
  uptimeHourMs: 0,
  uptimeDayMs: 0,
  uptimeWeekMs: 0,
  downtimeHourMs: 0,
  downtimeDayMs: 0,
  downtimeWeekMs: 0,
};
const line = (storeId: string): string => formatReportRow(toReportRow({ storeId, ...ZERO }));
const TAIL = ',0.00,0.00,0.00,0.00,0.00,0.00';

describe('store ids that a spreadsheet would read as a formula (OWASP CSV injection)', () => {
  it.each([
    ['=1+2', `"'=1+2"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1', `"'+1"`],
    ["-2+3+cmd|' /C calc'!A0", `"'-2+3+cmd|' /C calc'!A0"`],
    ['-', `"'-"`],
    ['-1e5', `"'-1e5"`],
    ['-0x1', `"'-0x1"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tx', `"'\tx"`],
    ['\r=1', `"'\r=1"`],
    ['=a,b', `"'=a,b"`],
    ['=a\nb', `"'=a\nb"`],
    // A leading quote is doubled, so removing one always gives the id back.
    ["'x", `"''x"`],
    ["'=1", `"''=1"`],
  ])('%j is written %s', (id, field) => {
    expect(storeIdField(id)).toBe(field);
    expect(line(id)).toBe(`${field}${TAIL}`);
  });

  it.each([
    ['1', '1'],
    ['12345678901234567890', '12345678901234567890'],
    ['-12', '-12'],
    ['-9223372036854775808', '-9223372036854775808'],
    ['-1.5', '-1.5'],
    ['a-b', 'a-b'],
    ['x=1', 'x=1'],
    [' =1', ' =1'],
    ['a,"b"', '"a,""b"""'],
    ['a\nb', '"a\nb"'],
    ['a\rb', '"a\rb"'],
    ['f3b0c4a2-1c5e-4f4b-9a3d-2b7e8c9d0e1f', 'f3b0c4a2-1c5e-4f4b-9a3d-2b7e8c9d0e1f'],
  ])('%j (no formula) is written %s', (id, field) => {
    expect(storeIdField(id)).toBe(field);
    expect(line(id)).toBe(`${field}${TAIL}`);
  });

  it('reads every id back exactly from its unquoted field', () => {
    for (const id of ['=1', '+', '-', '-12', '@', '\tx', "'", "''a", 'plain', 'a,"b"', '-1.5', '-1e5']) {
      const field = storeIdField(id);
      const unquoted = field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
      expect(parseStoreIdField(unquoted)).toBe(id);
    }
  });
});
