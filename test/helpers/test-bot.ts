// A whole bot for tests: real core, real SQLite file in a temp folder, real BBB dev server on loopback.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { memoryLogger } from '../../src/log.ts';
import { startDevBbb, type DevBbbOptions, type DevBbbServer } from '../../src/bbb/dev-server/index.ts';
import { createBot, type Bot } from '../../adapters/bot.ts';
import type { CoreApp } from '../../src/app.ts';

export interface TestBot extends Bot {
  app: CoreApp;
  bbb: DevBbbServer;
  log: ReturnType<typeof memoryLogger>;
  dir: string;
  close(): Promise<void>;
}

export async function startTestBot(opts: { env?: Record<string, string>; devBbb?: DevBbbOptions; dir?: string } = {}): Promise<TestBot> {
  const bbb = await startDevBbb({ endPurgeMs: 50, recordingProcessingMs: 50, ...opts.devBbb });
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'bbb-chatops-test-'));
  const config = loadConfig({
    DB_PATH: join(dir, 'bot.sqlite'),
    BOT_ADMINS: 'console:admin,slack:UADMIN,matrix:@admin:school.edu',
    ...opts.env,
  });
  const log = memoryLogger([bbb.secret]);
  const bot = createBot(config, { log, fallbackServer: { url: bbb.url, secret: bbb.secret } });
  return {
    ...bot,
    bbb,
    log,
    dir,
    async close() {
      bot.close();
      await bbb.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
