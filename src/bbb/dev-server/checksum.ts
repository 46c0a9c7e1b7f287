// Checksum validation as bbb-web does it, written independently of the client's signing code:
// take the RAW query string, delete the checksum parameter textually, hash call + rest + secret
// with the algorithm implied by the hex length, and compare case-insensitively.
import { createHash } from 'node:crypto';

const ALGORITHM_BY_HEX_LENGTH: ReadonlyMap<number, string> = new Map([
  [40, 'sha1'],
  [64, 'sha256'],
  [96, 'sha384'],
  [128, 'sha512'],
]);

/** The checksum value exactly as it appears in the raw query (first occurrence). */
export function rawChecksumValue(rawQuery: string): string | undefined {
  for (const pair of rawQuery.split('&')) {
    if (pair.startsWith('checksum=')) return pair.slice('checksum='.length);
  }
  return undefined;
}

/** The raw query with the checksum removed the way bbb-web removes it (String.replace, in this order). */
export function queryWithoutChecksum(rawQuery: string, checksum: string): string {
  return rawQuery
    .split(`&checksum=${checksum}`)
    .join('')
    .split(`checksum=${checksum}&`)
    .join('')
    .split(`checksum=${checksum}`)
    .join('');
}

export function isValidChecksum(call: string, rawQuery: string, secret: string): boolean {
  const checksum = rawChecksumValue(rawQuery);
  if (!checksum || !/^[0-9a-fA-F]+$/.test(checksum)) return false;
  const algorithm = ALGORITHM_BY_HEX_LENGTH.get(checksum.length);
  if (!algorithm) return false;
  const rest = queryWithoutChecksum(rawQuery, checksum);
  // Node hands us the request target as latin1 text: hash the original bytes of the query.
  const hashed = Buffer.concat([Buffer.from(call, 'utf8'), Buffer.from(rest, 'latin1'), Buffer.from(secret, 'utf8')]);
  const expected = createHash(algorithm).update(hashed).digest('hex');
  return expected === checksum.toLowerCase();
}
