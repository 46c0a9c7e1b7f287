// `npm run bench -- --quick` produces every figure of the comparison, Matrix variant included (not
// their values: timings on a shared machine are noisy), every answer is a right one, a restarted
// bot asks Slack for no name it already knew (the names are in the database, not only in memory),
// and the Matrix burst finds the DMs made yesterday (a restarted bot creates none).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function runBench(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', 'bench/main.ts', ...args], { cwd: ROOT, timeout: 170_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve({ stdout, stderr }),
    );
  });
}

const FIGURES = ['cpuMsPerCommand', 'commandsPerSecond', 'p95Ms', 'peakRssMb'] as const;

describe('npm run bench -- --quick', () => {
  it('prints the table and produces every figure for the floor, the bot, the core and the bot on Matrix', async () => {
    const { stdout, stderr } = await runBench(['--quick', '--json']);
    const out = JSON.parse(stdout) as {
      params: { n: number };
      matrixParams: { n: number };
      floor: Record<string, number>;
      bot: Record<string, number>;
      core: Record<string, number>;
      matrix: Record<string, number>;
    };
    const n = out.params.n;
    for (const who of [out.floor, out.bot, out.core]) {
      for (const k of FIGURES) expect(who[k], k).toBeGreaterThan(0);
      expect(who['correct']).toBe(n);
      expect(who['failures']).toBe(0);
    }
    // The Matrix variant: every join link reached its student's DM, through the real adapter.
    for (const k of FIGURES) expect(out.matrix[k], `matrix ${k}`).toBeGreaterThan(0);
    expect(out.matrix['correct']).toBe(out.matrixParams.n);
    expect(out.matrix['failures']).toBe(0);
    expect(out.matrix['dmsCreated']).toBe(0);
    expect(Number.isInteger(out.matrix['bbbCalls'])).toBe(true);
    expect(Number.isInteger(out.bot['bbbCalls'])).toBe(true); // 0 is right when the burst fits in the state cache's lifetime
    // The set-up bot learnt every student's name yesterday; the measured bot is a new process.
    expect(out.bot['usersInfoCalls']).toBe(0);
    for (const row of ['CPU per command', 'commands/s (one process)', 'response_url p95', 'peak RSS', 'BBB calls for the burst']) expect(stderr).toContain(`| ${row} |`);
    expect(stderr).toMatch(/load average \d/);
    expect(stderr).toMatch(/\| p95 \(Slack: to response_url; Matrix: message posted to link in the DM\) \| \d+ ms \| \d+ ms \|/);
  }, 180_000);
});
