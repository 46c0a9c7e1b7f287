// The bot's one HTTP server (Slack's Request URL, BBB callbacks, health, metrics) with limits
// that an unauthenticated sender cannot stretch: header size and time, whole-request time,
// idle keep-alive. Malformed requests (Node's parser refused them) get a 400 and one WARN line.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '../../src/log.ts';

export const SERVER_LIMITS = {
  maxHeaderSize: 16 * 1024,
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
} as const;

const HANG_UPS = new Set(['ECONNRESET', 'EPIPE', 'HPE_INVALID_EOF_STATE']);

export function createBotServer(handler: (req: IncomingMessage, res: ServerResponse) => void, log: Logger): Server {
  const { maxHeaderSize, requestTimeout } = SERVER_LIMITS;
  // Node enforces the header and request timeouts on this tick (default 30 s, too coarse).
  const server = createServer({ maxHeaderSize, requestTimeout, connectionsCheckingInterval: 2_000 }, handler);
  server.headersTimeout = SERVER_LIMITS.headersTimeout;
  server.keepAliveTimeout = SERVER_LIMITS.keepAliveTimeout;
  server.on('clientError', (err: Error & { code?: string }, socket: Socket) => {
    // A peer that hung up is routine (a route reading a body logs its abort); a request Node
    // could not parse is worth a line.
    if (HANG_UPS.has(err.code ?? '')) log.debug('HTTP: client hung up', { code: err.code });
    else log.warn('HTTP: malformed request refused', { code: err.code ?? 'unknown' });
    if (!socket.writable) return void socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  });
  return server;
}

