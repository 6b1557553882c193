import { oneLine } from '../src';

describe('oneLine', () => {
  it('keeps only the reason of a Prisma error, not its call site and code excerpt', () => {
    const prisma = new Error(
      '\nInvalid `this.prisma.report.findUnique()` invocation in\n/app/report-records.js:22:35\n\n  21 get(id) {\n→ 22   return this.prisma.report.findUnique(\nServer has closed the connection.',
    );
    expect(oneLine(prisma)).toBe('Server has closed the connection.');
  });

  it('joins other messages onto one line, bounded', () => {
    expect(oneLine(new Error('a\n  b'))).toBe('a b');
    expect(oneLine('x'.repeat(600))).toHaveLength(500);
    expect(oneLine(new Error('Invalid `x` invocation with no excerpt'))).toBe('Invalid `x` invocation with no excerpt');
  });
});
