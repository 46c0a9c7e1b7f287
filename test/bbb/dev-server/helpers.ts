// Test helpers. Signing is done here with node:crypto, independently of any project module.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';

export const DOC_SECRET = '639259d4-9dd8-4b25-bf01-95f9567eaf4b';

export type Alg = 'sha1' | 'sha256' | 'sha384' | 'sha512';
export type Params = Record<string, string> | [string, string][];

export interface Target {
  url: string;
  secret: string;
}

export function sum(text: string, alg: Alg = 'sha1'): string {
  return createHash(alg).update(text, 'utf8').digest('hex');
}

/** The canonical URLSearchParams query, signed: call + query + secret. */
export function signedUrl(server: Target, call: string, params: Params = {}, alg: Alg = 'sha256'): string {
  const qs = new URLSearchParams(params).toString();
  return `${server.url}/${call}?${qs}${qs ? '&' : ''}checksum=${sum(call + qs + server.secret, alg)}`;
}

const parser = new XMLParser({
  parseTagValue: false,
  ignoreAttributes: false,
  // Repeating elements (not <recording>true</recording> of getMeetingInfo).
  isArray: (name, jpath) =>
    ['meeting', 'attendee', 'format', 'image'].includes(name) || String(jpath).endsWith('recordings.recording'),
});

export type Xml = any;

export function parseXml(text: string): Xml {
  return parser.parse(text);
}

export async function getXml(url: string, init?: RequestInit): Promise<Xml> {
  const res = await fetch(url, init);
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  return parseXml(await res.text()).response;
}

/** GET a signed API call and return the parsed <response>. */
export function call(server: Target, name: string, params: Params = {}): Promise<Xml> {
  return getXml(signedUrl(server, name, params));
}

export function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/bbb/${name}`, import.meta.url), 'utf8');
}

/** Every element/attribute path of a parsed document, e.g. response/attendees/attendee/userID. */
export function elementPaths(node: Xml, prefix = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) elementPaths(item, prefix, out);
    return out;
  }
  if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      const path = prefix ? `${prefix}/${key}` : key;
      out.add(path);
      elementPaths(value, path, out);
    }
  }
  return out;
}

export interface Received {
  method: string;
  url: string;
  contentType: string | undefined;
  body: string;
}

/** A local HTTP server recording what the dev server sends to it (callbacks). */
export async function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
