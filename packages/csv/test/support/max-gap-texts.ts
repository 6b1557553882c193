import fc from 'fast-check';

/**
 * max_gap texts for the fuzz tests of every door that takes one (`POST /trigger_report`,
 * `store-monitor report --max-gap`), and what each must mean, decided here without the product's
 * parser: the forms report.md names (units w d h m s, each at most once, largest first; or ISO 8601
 * `PnW` or `PnDTnHnMnS` in upper case), at most nine digits a number, longer than zero, and an exact
 * number of milliseconds (BigInt here, so an overflow cannot pass for a value).
 */
const SHORT = /^(?:(\d{1,9})w)?(?:(\d{1,9})d)?(?:(\d{1,9})h)?(?:(\d{1,9})m)?(?:(\d{1,9})s)?$/;
const ISO_WEEKS = /^P(\d{1,9})W$/;
const ISO_DAYS_TIME = /^P(?:(\d{1,9})D)?(?:T(?:(\d{1,9})H)?(?:(\d{1,9})M)?(?:(\d{1,9})S)?)?$/;
const UNIT_MS = [604_800_000n, 86_400_000n, 3_600_000n, 60_000n, 1_000n];

/** The milliseconds `text` means as a max gap, or undefined when it must be refused. */
export function expectedMaxGapMs(text: string): number | undefined {
  const t = text.trim();
  let counts: Array<string | undefined> | undefined;
  const short = SHORT.exec(t);
  const weeks = ISO_WEEKS.exec(t);
  const daysTime = ISO_DAYS_TIME.exec(t);
  if (short !== null) counts = short.slice(1);
  else if (weeks !== null) counts = [weeks[1]];
  // `PT` alone, or a `T` with nothing after it, names no time.
  else if (daysTime !== null && !t.endsWith('T')) counts = [undefined, ...daysTime.slice(1)];
  if (counts === undefined || counts.every((c) => c === undefined)) return undefined;
  const ms = counts.reduce((sum, c, i) => sum + BigInt(c ?? 0) * UNIT_MS[i], 0n);
  return ms > 0n && ms <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(ms) : undefined;
}

const NUMBERS = ['0', '1', '2', '9', '45', '90', '007', '999999999', '1000000000', '9999999', '1.5', '-1', '+1', '1e3'];
const UNITS = ['w', 'd', 'h', 'm', 's', 'W', 'D', 'H', 'M', 'S', 'T', 'P', 'Y', 'ms', 'min', ' hours'];
const NOISE = [' ', '\t', '\u00a0', ':', '.', ',', '\u0000', '\uff11', '\u200b', 'NaN', 'Infinity', '-Infinity', '"'];

/** Valid forms, with spaces around that are trimmed. */
const validText = fc
  .tuple(
    fc.array(fc.constantFrom(...NUMBERS.slice(0, 10)), { minLength: 5, maxLength: 5 }),
    fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    fc.constantFrom('short', 'iso'),
    fc.constantFrom('', ' ', '\n', '\u00a0'),
  )
  .map(([numbers, used, form, pad]) => {
    const parts = numbers.map((n, i) => (used[i] ? n : undefined));
    if (form === 'short') return pad + parts.map((n, i) => (n === undefined ? '' : `${n}${'wdhms'[i]}`)).join('') + pad;
    if (parts[0] !== undefined) return `${pad}P${parts[0]}W${pad}`;
    const [, d, h, m, s] = parts;
    const time = [h && `${h}H`, m && `${m}M`, s && `${s}S`].filter(Boolean).join('');
    return `${pad}P${d === undefined ? '' : `${d}D`}${time === '' ? '' : `T${time}`}${pad}`;
  });

/** Texts built from numbers, units and noise, most of them wrong in some way. */
const pieceText = fc
  .array(fc.oneof(fc.constantFrom(...NUMBERS), fc.constantFrom(...UNITS), fc.constantFrom(...NOISE)), {
    minLength: 0,
    maxLength: 7,
  })
  .map((pieces) => pieces.join(''));

/** Any max_gap text worth sending: valid forms, near misses, junk, and strings far too long. */
export const maxGapText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: validText, weight: 3 },
  { arbitrary: pieceText, weight: 5 },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
  { arbitrary: fc.integer({ min: 101, max: 5000 }).map((n) => `${'9'.repeat(n)}s`), weight: 1 },
);
