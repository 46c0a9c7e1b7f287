// HTTP routing: /bigbluebutton/api/<call> (checksum first, then parameters), plus the pages a
// browser reaches from the demo (/dev/leave, /html5client/join, /playback/...).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApiError, messages } from './api-error.ts';
import { handleJoin } from './api-join.ts';
import {
  handleCreate, handleEnd, handleGetMeetingInfo, handleGetMeetings, handleIsMeetingRunning, handleVersion,
} from './api-meetings.ts';
import {
  handleDeleteRecordings, handleGetRecordings, handlePublishRecordings, handleUpdateRecordings,
} from './api-recordings.ts';
import { isValidChecksum } from './checksum.ts';
import { devPage } from './dev-pages.ts';
import { joinErrorPage } from './pages.ts';
import { htmlReply, xmlReply, type Reply } from './reply.ts';
import type { Simulator } from './simulator.ts';
import type { Traffic } from './traffic.ts';
import { failedXml } from './xml.ts';

interface Route {
  /** BBB also accepts a form POST for this call (the checksum still covers only the URL query). */
  post: boolean;
  handle: (sim: Simulator, params: URLSearchParams) => Reply;
}

const ROUTES: ReadonlyMap<string, Route> = new Map([
  ['create', { post: true, handle: handleCreate }],
  ['join', { post: false, handle: handleJoin }],
  ['isMeetingRunning', { post: true, handle: handleIsMeetingRunning }],
  ['getMeetingInfo', { post: true, handle: handleGetMeetingInfo }],
  ['getMeetings', { post: true, handle: (sim) => handleGetMeetings(sim) }],
  ['end', { post: true, handle: handleEnd }],
  ['getRecordings', { post: false, handle: handleGetRecordings }],
  ['publishRecordings', { post: false, handle: handlePublishRecordings }],
  ['deleteRecordings', { post: false, handle: handleDeleteRecordings }],
  ['updateRecordings', { post: true, handle: handleUpdateRecordings }],
]);

const MAX_BODY = 1 << 20;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY) chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function checksumFailure(call: string, rawQuery: string): Reply {
  const wantsHtml = call === 'join' && new URLSearchParams(rawQuery).get('redirect') !== 'false';
  return wantsHtml
    ? htmlReply(joinErrorPage('checksumError', messages.checksumError))
    : xmlReply(failedXml('checksumError', messages.checksumError));
}

async function apiReply(sim: Simulator, call: string, req: IncomingMessage, rawQuery: string): Promise<Reply> {
  if (call === 'version') return handleVersion(sim.options.origin());
  const route = ROUTES.get(call);
  if (!route) return { status: 404, type: 'text/plain;charset=utf-8', body: `No such API call: ${call}\n` };
  const isPost = req.method === 'POST';
  if (req.method !== 'GET' && !(isPost && route.post)) {
    return { status: 405, type: 'text/plain;charset=utf-8', body: 'Method Not Allowed\n' };
  }
  const body = isPost ? await readBody(req) : '';
  if (!isValidChecksum(call, rawQuery, sim.options.secret)) return checksumFailure(call, rawQuery);
  const params = new URLSearchParams(rawQuery);
  params.delete('checksum');
  if (isPost && (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    for (const [name, value] of new URLSearchParams(body)) {
      // A parameter in both the URL and the body makes bbb-web's check fail.
      if (params.has(name)) return checksumFailure(call, rawQuery);
      params.append(name, value);
    }
  }
  sim.sweep();
  try {
    return route.handle(sim, params);
  } catch (error) {
    if (error instanceof ApiError) return xmlReply(failedXml(error.key, error.message));
    throw error;
  }
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  res.writeHead(reply.status, { 'content-type': reply.type, 'content-length': Buffer.byteLength(reply.body), ...(reply.location ? { location: reply.location } : {}) });
  res.end(reply.body);
}

async function onRequest(sim: Simulator, traffic: Traffic, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = req.url ?? '/';
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const rawQuery = q < 0 ? '' : target.slice(q + 1);
  sim.sweep();
  const api = /^\/bigbluebutton\/api(?:\/(.*))?$/.exec(path);
  if (!api) {
    send(res, devPage(sim, path, new URLSearchParams(rawQuery)));
    return;
  }
  const call = api[1] || 'version';
  traffic.count(call);
  if (traffic.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, traffic.latencyMs));
  const fault = traffic.takeFault(call);
  if (fault === 'refuse') {
    req.socket.destroy();
    return;
  }
  if (fault === 'timeout') return; // never answered; close() drops the connection
  if (fault === 'http500') {
    send(res, htmlReply('<html><body><h1>500 Internal Server Error</h1></body></html>\n', 500));
    return;
  }
  if (fault === 'html') {
    send(res, htmlReply('<!DOCTYPE html>\n<html><head><title>Maintenance</title></head><body><h1>We will be back soon</h1></body></html>\n'));
    return;
  }
  send(res, await apiReply(sim, call, req, rawQuery));
  sim.options.log(`${req.method ?? 'GET'} ${call}`);
}

export function createApiServer(sim: Simulator, traffic: Traffic): Server {
  return createServer((req, res) => {
    onRequest(sim, traffic, req, res).catch((error: unknown) => {
      sim.options.log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      send(res, { status: 500, type: 'text/plain;charset=utf-8', body: 'Internal error of the dev server\n' });
    });
  });
}
