import { parseArgs } from 'node:util';
import { UsageError } from './usage-error';

type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;

/** Parses `--name value` options strictly: unknown options and stray words are usage errors. */
export function parseOptions<T extends OptionSpec>(args: string[], spec: T): Partial<Record<keyof T, string>> {
  try {
    const { values, positionals } = parseArgs({ args, options: spec, strict: true, allowPositionals: true });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    return values as Partial<Record<keyof T, string>>;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError((error as Error).message);
  }
}

/** A whole number within bounds, or a usage error naming the option. */
export function intOption(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}
