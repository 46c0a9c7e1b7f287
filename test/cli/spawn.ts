// Runs bin/bbb-chatops.js as a user would (a child process, stdin not a terminal) with a
// controlled environment and working folder. At most a few run at once: each costs ~1 s of tsx.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

const BIN = resolve('bin/bbb-chatops.js');
const MAX_PARALLEL = 4;
let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running >= MAX_PARALLEL) await new Promise<void>((r) => waiting.push(r));
  running += 1;
  return () => {
    running -= 1;
    waiting.shift()?.();
  };
}

export async function runCli(args: string[], opts: { env?: Record<string, string>; cwd: string; stdin?: string }): Promise<CliResult> {
  const release = await slot();
  try {
    return await new Promise((done) => {
      const child = spawn(process.execPath, [BIN, ...args], {
        cwd: opts.cwd,
        env: { PATH: process.env.PATH ?? '', ...opts.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      child.stderr.on('data', (b: Buffer) => (err += b.toString()));
      child.on('close', (code) => done({ code, out, err }));
      child.stdin.end(opts.stdin ?? '');
    });
  } finally {
    release();
  }
}
