// BBB request signing (REFERENCE.md section 2).
// checksum = hex(HASH(callName + queryString + sharedSecret)), where queryString is exactly the
// bytes sent after "?" minus the checksum parameter. bbb-web hashes the RAW query string it
// receives, so the encoding we hash must be the encoding we send: we always build the query with
// URLSearchParams (form-urlencoded: space -> "+", "*-._" kept, everything else %XX uppercase),
// which is also what Java's URLEncoder produces and what load balancers such as B3LB expect.
import { createHash } from 'node:crypto';
import type { ChecksumAlgorithm } from './types.ts';

const ALGORITHMS: readonly ChecksumAlgorithm[] = ['sha1', 'sha256', 'sha384', 'sha512'];

/** Lowercase hex digest of call + queryString + secret (older servers compared case-sensitively). */
export function checksum(
  call: string,
  queryString: string,
  secret: string,
  algorithm: ChecksumAlgorithm = 'sha256',
): string {
  // The server picks the algorithm from the hex length (40/64/96/128), so any of the four works.
  if (!ALGORITHMS.includes(algorithm)) {
    throw new Error(`Unsupported checksum algorithm "${String(algorithm)}" (use ${ALGORITHMS.join(', ')})`);
  }
  return createHash(algorithm).update(call + queryString + secret, 'utf8').digest('hex');
}

/**
 * The query string to send: parameters in the given order, form-urlencoded, with
 * `checksum=<hex>` appended LAST (after hashing). With no parameters: `checksum=<hex>`.
 */
export function signedQuery(
  call: string,
  params: [string, string][] | URLSearchParams,
  secret: string,
  algorithm: ChecksumAlgorithm = 'sha256',
): string {
  const qs = (params instanceof URLSearchParams ? params : new URLSearchParams(params)).toString();
  const sum = checksum(call, qs, secret, algorithm);
  return qs ? `${qs}&checksum=${sum}` : `checksum=${sum}`;
}
