// Small HTTP helpers: plain answers. An answer given without reading the request's body closes
// the connection, so that body is not pulled in afterwards (Node would read and discard it all).
import type { ServerResponse } from 'node:http';
import { unreadBody } from './body.ts';

export function send(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  const close = unreadBody(res.req) ? { connection: 'close' } : {};
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...close, ...headers }).end(text);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}
