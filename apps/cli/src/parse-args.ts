/** A mistake in how the command was called: one line and a hint where the help is, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

interface OptionKind {
  type: 'string' | 'boolean';
  multiple?: boolean;
}
type OptionSpec = Record<string, OptionKind>;
type ValueOf<K extends OptionKind> = K extends { type: 'boolean' }
  ? boolean
  : K extends { multiple: true }
    ? string[]
    : string;
export type ParsedOptions<T extends OptionSpec> = { [N in keyof T]?: ValueOf<T[N]> };

/**
 * Parses `--name value` and `--name=value` options strictly: unknown options, missing values and
 * stray words are usage errors in our own words (node's parseArgs messages name its own API).
 * A repeated option keeps its last value unless it is `multiple`.
 */
export function parseOptions<T extends OptionSpec>(args: readonly string[], spec: T): ParsedOptions<T> {
  const values: Record<string, string | boolean | string[]> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      if (i + 1 < args.length) throw new UsageError(`unexpected argument "${args[i + 1]}"`);
      break;
    }
    if (!arg.startsWith('-') || arg === '-') throw new UsageError(`unexpected argument "${arg}"`);
    const [flag, inline] = splitInline(arg);
    const name = flag.replace(/^--?/, '');
    const kind = flag.startsWith('--') && Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (!kind) throw new UsageError(`unknown option ${flag}`);
    if (kind.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`${flag} takes no value`);
      values[name] = true;
      continue;
    }
    const value = inline ?? args[i + 1];
    // `--out --db` is a forgotten value, not a file named "--db".
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) {
      throw new UsageError(`${flag} needs a value`);
    }
    if (inline === undefined) i++;
    values[name] = kind.multiple ? [...((values[name] as string[] | undefined) ?? []), value] : value;
  }
  return values as ParsedOptions<T>;
}

function splitInline(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
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
