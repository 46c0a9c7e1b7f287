// Request bodies with a hard cap. A declared Content-Length over the cap is refused before a
// byte is read; a chunked body is counted while it streams and refused the moment it passes the
// cap. Refused means 413 with `Connection: close`: the rest is never buffered, the request is
// paused (TCP back-pressure stops the sender) and Node closes the socket once the answer is out.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Slack's payloads and BBB's callbacks are a few KB; 256 KB is generous. */
export const MAX_BODY_BYTES = 256 * 1024;

export type BodyResult = { ok: true; body: Buffer } | { ok: false; why: 'too-large' | 'aborted' };

/** True when the declared length is already over the cap. */
export function declaredTooLarge(req: IncomingMessage, limit = MAX_BODY_BYTES): boolean {
  const declared = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(declared) && declared > limit;
}

/** Whether the request carries a body that nobody has read yet. */
export function unreadBody(req: IncomingMessage): boolean {
  if (req.complete || req.readableEnded) return false;
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  if (declaredTooLarge(req, limit)) return Promise.resolve({ ok: false, why: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyResult): void => {
      req.off('data', onData).off('end', onEnd).off('aborted', onAbort).off('error', onAbort).off('close', onAbort);
      req.on('error', () => {}); // a late socket error after we have answered is not news
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      chunks.length = 0;
      req.pause();
      finish({ ok: false, why: 'too-large' });
    };
    const onEnd = (): void => finish({ ok: true, body: Buffer.concat(chunks) });
    const onAbort = (): void => finish({ ok: false, why: 'aborted' });
    req.on('data', onData).on('end', onEnd).on('aborted', onAbort).on('error', onAbort).on('close', onAbort);
  });
}

/** 413 and close: the sender gets the answer, the rest of its body is never read. */
export function refuseTooLarge(res: ServerResponse): void {
  if (res.headersSent) return void res.destroy();
  res.req.pause();
  res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close', 'cache-control': 'no-store' }).end('request body too large');
}
