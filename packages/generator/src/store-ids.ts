import { deal, type Weighted } from './deck';
import { rngFor, STREAM, type Rng } from './random';

export type StoreIdKind = 'integer' | 'uuid';

/** The 2023 export used 64-bit integers, the 2024 export UUIDs; a data set with both tests both. */
const ID_KINDS: Weighted<StoreIdKind> = [
  ['integer', 60],
  ['uuid', 40],
];

/** `count` distinct store ids, integers and UUIDs mixed, all from the seed. */
export function makeStoreIds(count: number, seed: number): string[] {
  const kinds = deal(ID_KINDS, count, rngFor(seed, STREAM.idKinds));
  const rng = rngFor(seed, STREAM.storeIds);
  const seen = new Set<string>();
  return kinds.map((kind) => {
    let id = newId(kind, rng);
    while (seen.has(id)) id = newId(kind, rng);
    seen.add(id);
    return id;
  });
}

function newId(kind: StoreIdKind, rng: Rng): string {
  return kind === 'integer' ? integerId(rng) : uuid(rng);
}

/** A positive 63-bit integer in decimal, like `1481966498820158979` (shorter ones occur too). */
function integerId(rng: Rng): string {
  const high = BigInt(rng.uint32() >>> 1);
  const low = BigInt(rng.uint32());
  const id = (high << 32n) | low;
  return (id === 0n ? 1n : id).toString();
}

/** A version-4 UUID in lower case, like the 2024 export. */
function uuid(rng: Rng): string {
  const words = [rng.uint32(), rng.uint32(), rng.uint32(), rng.uint32()];
  words[1] = (words[1] & 0xffff0fff) | 0x4000; // version 4
  words[2] = (words[2] & 0x3fffffff) | 0x80000000; // RFC 4122 variant
  const hex = words.map((word) => (word >>> 0).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
