// Drives e2ee-client.py (matrix-nio + python-olm: an encryption implementation independent of
// the bot's) for synapse-e2ee.test.ts: one JSON command per line in, one JSON answer per line out.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { SynapseUser } from './synapse.ts';

/** Debian's python, where python3-matrix-nio and python3-olm are installed (not a pyenv shim). */
const PYTHON = '/usr/bin/python3';
const SCRIPT = join(import.meta.dirname, 'e2ee-client.py');

export type Answer = Record<string, unknown> & { error?: string };

export interface NioClient {
  deviceId: string;
  call(cmd: Record<string, unknown>, timeoutMs?: number): Promise<Answer>;
  close(): Promise<void>;
}

export async function startNioClient(url: string, user: SynapseUser): Promise<NioClient> {
  const who = await user.api('GET', '/_matrix/client/v3/account/whoami');
  const deviceId = String(who['device_id']);
  const store = mkdtempSync(join(tmpdir(), 'bbb-nio-'));
  const child: ChildProcessWithoutNullStreams = spawn(PYTHON, [SCRIPT, url, user.userId, user.token, deviceId, store]);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  const queued: string[] = [];
  lines.on('line', (line) => (waiting.length ? waiting.shift()!(line) : queued.push(line)));
  const exited = new Promise<never>((_, reject) =>
    child.on('exit', (code) => reject(new Error(`e2ee-client.py exited (${code}): ${stderr}`))),
  );
  exited.catch(() => undefined);
  const next = (timeoutMs: number): Promise<Answer> =>
    Promise.race([
      exited,
      new Promise<Answer>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`e2ee-client.py did not answer in ${timeoutMs} ms: ${stderr}`)), timeoutMs);
        const take = (line: string) => (clearTimeout(timer), resolve(JSON.parse(line) as Answer));
        const ready = queued.shift();
        if (ready !== undefined) take(ready);
        else waiting.push(take);
      }),
    ]);
  const hello = await next(60_000);
  if (hello['ready'] !== true) throw new Error(`e2ee-client.py: ${JSON.stringify(hello)} ${stderr}`);
  return {
    deviceId,
    async call(cmd, timeoutMs = 90_000) {
      child.stdin.write(JSON.stringify(cmd) + '\n');
      const answer = await next(timeoutMs);
      if (answer.error) throw new Error(`e2ee-client.py ${String(cmd['cmd'])}: ${answer.error}\n${stderr}`);
      return answer;
    },
    async close() {
      child.stdin.end(JSON.stringify({ cmd: 'quit' }) + '\n');
      await Promise.race([exited.catch(() => undefined), new Promise((r) => setTimeout(r, 5_000))]);
      child.kill();
      rmSync(store, { recursive: true, force: true });
    },
  };
}
