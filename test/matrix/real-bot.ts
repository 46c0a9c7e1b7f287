// The real bot (core, SQLite, BBB dev server) with the real Matrix adapter, against the fake homeserver.
import { createMatrixAdapter, type MatrixAdapter } from '../../adapters/matrix/index.ts';
import { startFakeHomeserver, type FakeHomeserver } from '../fakes/matrix-homeserver.ts';
import { startTestBot, type TestBot, type TestBotOptions } from '../helpers/test-bot.ts';

export interface RealMatrixBot {
  hs: FakeHomeserver;
  bot: TestBot;
  adapter: MatrixAdapter;
  close(): Promise<void>;
}

export async function startRealMatrixBot(opts: Pick<TestBotOptions, 'devBbb' | 'http' | 'env'> = {}): Promise<RealMatrixBot> {
  const hs = await startFakeHomeserver();
  const bot = await startTestBot({
    ...opts,
    env: { MATRIX_HOMESERVER_URL: hs.url, MATRIX_ACCESS_TOKEN: hs.token, MATRIX_ALLOWED_INVITERS: ':school.edu', MATRIX_ENCRYPTION: 'off', ...opts.env }, // the fake speaks no E2EE endpoints
  });
  const adapter = await createMatrixAdapter({ app: bot.app, config: bot.config, log: bot.log });
  bot.app.attachMessenger(adapter.messenger);
  await adapter.start();
  return {
    hs,
    bot,
    adapter,
    async close() {
      await adapter.stop();
      await bot.close();
      await hs.close();
    },
  };
}
