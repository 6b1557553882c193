// PostgreSQL's binary form of a one-dimensional array without nulls, as COPY (FORMAT binary) sends
// it: ndim, has-nulls flag, element type, then (length, lower bound) per dimension, then each
// element as its byte length and bytes. Only the two element types the window query sends.
import { microsFromPg } from '@store-monitor/db';

/** Bytes before the first element of a one-dimensional array: ndim, flags, type, length, lower bound. */
const ONE_DIMENSION_HEADER = 20;

/**
 * The elements of a timestamptz[] starting at `at`, as epoch microseconds. An empty array (ndim 0)
 * has no dimensions and no elements.
 */
export function decodeInstants(buf: Buffer, at: number): Float64Array {
  const count = elementCount(buf, at, 'timestamptz');
  const micros = new Float64Array(count);
  let pos = at + ONE_DIMENSION_HEADER;
  for (let i = 0; i < count; i++, pos += 12) {
    if (buf.readInt32BE(pos) !== 8) throw new Error(elementError('timestamptz', i, buf.readInt32BE(pos)));
    micros[i] = microsFromPg(buf.readInt32BE(pos + 4), buf.readUInt32BE(pos + 8));
  }
  return micros;
}

/** The elements of a boolean[] starting at `at`, as 1 (true) or 0 (false). */
export function decodeBooleans(buf: Buffer, at: number): Uint8Array {
  const count = elementCount(buf, at, 'boolean');
  const values = new Uint8Array(count);
  let pos = at + ONE_DIMENSION_HEADER;
  for (let i = 0; i < count; i++, pos += 5) {
    if (buf.readInt32BE(pos) !== 1) throw new Error(elementError('boolean', i, buf.readInt32BE(pos)));
    values[i] = buf[pos + 4] === 1 ? 1 : 0;
  }
  return values;
}

function elementCount(buf: Buffer, at: number, type: string): number {
  const dimensions = buf.readInt32BE(at);
  if (dimensions === 0) return 0;
  if (dimensions !== 1) throw new Error(`a ${type} array with ${dimensions} dimensions, expected one`);
  if (buf.readInt32BE(at + 4) !== 0) throw new Error(`a ${type} array with nulls, expected none`);
  return buf.readInt32BE(at + 12);
}

function elementError(type: string, index: number, length: number): string {
  const what = length < 0 ? 'null' : `${length} bytes long`;
  return `${type} array element ${index + 1} is ${what}`;
}
