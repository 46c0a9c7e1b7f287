// Posting an answer to a response_url. Bolt's `respond` posts with the global `fetch`, whose
// WHATWG machinery (Request, Response, web streams) cost about three times the CPU of a plain
// node:http request in a micro-benchmark, once per answer (issue 14). Same body, same
// content type, same failure on a non-2xx status; connections are kept alive and reused.
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { RespondArguments, RespondFn } from '@slack/bolt';

// lifo: the most recently used socket first (the least likely to have been closed by the server).
const agents = {
  'http:': new HttpAgent({ keepAlive: true, scheduling: 'lifo', timeout: 30_000 }),
  'https:': new HttpsAgent({ keepAlive: true, scheduling: 'lifo', timeout: 30_000 }),
};

/** What the adapter needs of a `respond`: Bolt's RespondFn is one, and so is respondTo's. */
export type Respond = (message: string | RespondArguments) => Promise<unknown>;

/** A `respond` for this response_url; Bolt's own (`fallback`) when the URL is not http(s). */
export function respondTo(responseUrl: string | undefined, fallback: RespondFn): Respond {
  let url: URL;
  try {
    url = new URL(responseUrl ?? '');
  } catch {
    return fallback;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fallback;
  return async (message: string | RespondArguments) => {
    const body = JSON.stringify(typeof message === 'string' ? { text: message } : message);
    const status = await post(url, body, true);
    if (status < 200 || status >= 300) throw new Error(`Failed to respond to the response_url: ${status}`);
  };
}

function post(url: URL, body: string, mayRetry: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req: ClientRequest = send(
      url,
      {
        method: 'POST',
        agent: agents[url.protocol as 'http:' | 'https:'],
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res: IncomingMessage) => {
        res.on('error', reject);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.resume();
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      // A kept-alive connection the server closed just before this request: once more on a new one
      // (Node's documented pattern; the request never reached the server).
      if (mayRetry && req.reusedSocket && err.code === 'ECONNRESET') post(url, body, false).then(resolve, reject);
      else reject(err);
    });
    req.end(body);
  });
}
