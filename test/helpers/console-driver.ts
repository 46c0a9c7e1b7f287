// Drives the console adapter with script lines and returns its JSON output, parsed.
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { createConsole } from '../../adapters/console/index.ts';
import type { ConsoleLine } from '../../adapters/console/render.ts';
import type { TestBot } from './test-bot.ts';

export interface Driver {
  /** Runs `USER ROOM /conference …` lines; returns the lines printed for them. */
  run(...lines: string[]): Promise<ConsoleLine[]>;
  /** Everything printed so far (including messages sent through the console messenger). */
  all: ConsoleLine[];
}

export function consoleDriver(bot: TestBot): Driver {
  const all: ConsoleLine[] = [];
  const con = createConsole({
    app: bot.app,
    input: Readable.from([]),
    write: (t) => all.push(JSON.parse(t) as ConsoleLine),
    json: true,
    interactive: false,
    filesDir: join(bot.dir, 'files'),
  });
  bot.app.attachMessenger(con.messenger);
  return {
    all,
    async run(...lines) {
      const from = all.length;
      for (const l of lines) await con.line(l);
      return all.slice(from);
    },
  };
}

/** The role a dev-server join URL grants, read from the URL itself. */
export function roleOf(url: string): string | null {
  return new URL(url).searchParams.get('role');
}
