// Reads an HTTP answer's body up to a byte limit. A broken or hostile server (or anyone on the
// path of an http:// BBB URL) can send gigabytes; reading stops at the limit and the caller
// aborts the request, which closes the connection instead of draining it.

/** The body was longer than the limit; nothing more was read. */
export class BodyTooLargeError extends Error {}

/** The body as UTF-8 text, or BodyTooLargeError once more than `limit` bytes arrived (or were announced). */
export async function readCapped(res: Response, limit: number): Promise<string> {
  const announced = Number(res.headers.get('content-length') ?? NaN);
  if (announced > limit) throw new BodyTooLargeError();
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) throw new BodyTooLargeError();
      chunks.push(value);
    }
  } catch (err) {
    reader.cancel().catch(() => {}); // release the stream; the caller's abort closes the socket
    throw err;
  }
  return new TextDecoder().decode(Buffer.concat(chunks, size));
}
