import { dispatch, type Command } from '../src/dispatch';
import { UsageError } from '../src/parse-args';

// A code left here would become jest's own exit code.
afterEach(() => {
  process.exitCode = undefined;
});

describe("dispatch honours a command's exit code", () => {
  it('returns the number a command returns, as start does after a service died', async () => {
    const died: Command = async () => 1;
    expect(await dispatch(['start'], { start: died })).toBe(1);
  });

  it('keeps the exit code a command set itself when it returns nothing', async () => {
    const setsCode: Command = async () => {
      process.exitCode = 3;
    };
    expect(await dispatch(['start'], { start: setsCode })).toBe(3);
  });

  it('is 0 when a command returns nothing and sets nothing', async () => {
    expect(await dispatch(['report', '--x'], { report: async () => undefined })).toBe(0);
  });

  it('passes the arguments after the command name and turns a usage error into 2', async () => {
    const seen: string[][] = [];
    const picky: Command = async (args) => {
      seen.push(args);
      throw new UsageError('unknown option --x');
    };
    expect(await dispatch(['report', '--x', '1'], { report: picky })).toBe(2);
    expect(seen).toEqual([['--x', '1']]);
  });
});
