// The BigBlueButton dev server: a faithful simulator of the BBB API over real HTTP, for the
// console demo, `npx bbb-chatops dev-bbb` and the tests. Independent of the client code in src/bbb.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createControl, type DevBbbControl } from './control.ts';
import { createApiServer } from './http.ts';
import { Simulator } from './simulator.ts';
import { Traffic } from './traffic.ts';

export type { DevBbbControl, DevBbbMeetingView } from './control.ts';
export type { FaultKind, FaultSpec } from './traffic.ts';

export interface DevBbbOptions {
  host?: string; // default 127.0.0.1
  port?: number; // 0 = any
  secret?: string; // default random hex
  /** Delay between the end of a recorded meeting and its recording being published (default 1000). */
  recordingProcessingMs?: number;
  /** Window after the end during which the meeting is "forcibly ended, not yet purged" (default 500). */
  endPurgeMs?: number;
  /** Delay between the end of a meeting (kept events or recorded) and its analytics callback (default 1000). */
  analyticsDelayMs?: number;
  /** Algorithm of the recording-ready JWT; HS512 = as Scalelite. Default HS256. */
  jwtAlgorithm?: 'HS256' | 'HS512';
  callbacks?: boolean; // default true
  log?: (line: string) => void;
}

export interface DevBbbServer {
  /** http://127.0.0.1:PORT/bigbluebutton/api */
  url: string;
  secret: string;
  control: DevBbbControl;
  close(): Promise<void>;
}

export async function startDevBbb(options: DevBbbOptions = {}): Promise<DevBbbServer> {
  const host = options.host ?? '127.0.0.1';
  const secret = options.secret ?? randomBytes(20).toString('hex');
  let origin = '';
  const sim = new Simulator({
    secret,
    recordingProcessingMs: options.recordingProcessingMs ?? 1000,
    endPurgeMs: options.endPurgeMs ?? 500,
    analyticsDelayMs: options.analyticsDelayMs ?? 1000,
    jwtAlgorithm: options.jwtAlgorithm ?? 'HS256',
    callbacks: options.callbacks ?? true,
    log: options.log ?? (() => undefined),
    origin: () => origin,
  });
  const traffic = new Traffic();
  const server = createApiServer(sim, traffic);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const sweeper = setInterval(() => sim.sweep(), 1000);
  sweeper.unref();
  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/bigbluebutton/api`,
    secret,
    control: createControl(sim, traffic),
    close() {
      closing ??= new Promise<void>((resolve) => {
        clearInterval(sweeper);
        sim.scheduler.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
