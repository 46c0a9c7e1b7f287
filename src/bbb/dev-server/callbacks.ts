// Outgoing callbacks: the meeting-ended GET (meta_endCallbackUrl) and the recording-ready POST
// (meta_bbb-recording-ready-url) signed with a JWT made here with node:crypto.
import { createHmac } from 'node:crypto';

export type JwtAlgorithm = 'HS256' | 'HS512';

const TIMEOUT_MS = 5_000;

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/** Compact JWS as BBB's post_publish script makes it: header {"alg":...} only, no exp/iat. */
export function signJwt(payload: Record<string, string>, secret: string, algorithm: JwtAlgorithm): string {
  const signingInput = `${base64url(JSON.stringify({ alg: algorithm }))}.${base64url(JSON.stringify(payload))}`;
  const hmac = createHmac(algorithm === 'HS512' ? 'sha512' : 'sha256', secret).update(signingInput).digest();
  return `${signingInput}.${base64url(hmac)}`;
}

/** The end-callback URL with recordingmarks and meetingID appended (& or ? as needed). */
export function endCallbackUrl(url: string, recordingmarks: boolean, meetingId: string): string {
  const extra = new URLSearchParams({ recordingmarks: String(recordingmarks), meetingID: meetingId }).toString();
  const separator = url.includes('?') ? (/[?&]$/.test(url) ? '' : '&') : '?';
  return `${url}${separator}${extra}`;
}

export async function sendEndCallback(url: string, log: (line: string) => void): Promise<void> {
  try {
    const res = await fetch(url, { method: 'GET', signal: AbortSignal.timeout(TIMEOUT_MS) });
    await res.arrayBuffer();
    log(`end callback GET ${url} -> HTTP ${res.status}`);
  } catch (error) {
    log(`end callback GET ${url} failed: ${String(error)}`);
  }
}

export async function sendRecordingReady(url: string, jwt: string, log: (line: string) => void): Promise<void> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ signed_parameters: jwt }).toString(),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await res.arrayBuffer();
    log(`recording-ready POST ${url} -> HTTP ${res.status}`);
  } catch (error) {
    log(`recording-ready POST ${url} failed: ${String(error)}`);
  }
}
