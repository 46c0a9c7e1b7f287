// The console adapter: the same core, driven from a terminal (interactive) or a script
// (`console --script FILE --json`, or lines on standard input). Platform `console`; users and
// rooms are plain names.
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import type { App, Invocation, Messenger, Reply } from '../../src/core/types.ts';
import { formatHuman, toLine } from './render.ts';
import { ensurePrivateDir, writePrivateFile } from '../../src/store/private-files.ts';
import { messages } from '../../src/i18n/index.ts';

export interface ConsoleOptions {
  app: App;
  input: NodeJS.ReadableStream;
  write: (text: string) => void;
  json: boolean;
  /** Interactive: prompt and the /as, /room commands. */
  interactive: boolean;
  /** Where CSV files from replies are written. */
  filesDir: string;
  startUser?: string;
  startRoom?: string;
}

const COMMAND = /^\/?conference(?:\s+|$)/i;

export function createConsole(o: ConsoleOptions) {
  let user = o.startUser ?? 'admin';
  let room = o.startRoom ?? 'general';

  /** The console's own words, in the current user's language. */
  const says = () => messages(o.app.languageFor('console', room, { id: user })).console;

  const saveFile = (reply: Reply): string | undefined => {
    if (!reply.file) return undefined;
    ensurePrivateDir(o.filesDir); // attendance reports name people: 0700 folder, 0600 files
    const path = join(o.filesDir, reply.file.name.replace(/[^A-Za-z0-9._-]/g, '_'));
    writePrivateFile(path, reply.file.content);
    return path;
  };

  const print = (reply: Reply, roomId: string, addressee: string): void => {
    const line = toLine(reply, roomId, addressee, saveFile(reply));
    o.write(o.json ? JSON.stringify(line) : formatHuman(line, reply));
  };

  const messenger: Messenger = {
    platform: 'console',
    async sendToRoom(roomId, reply) {
      print(reply, roomId, 'bot');
    },
    async sendToUser(userId, reply, context) {
      print(reply, context?.roomId ?? 'direct', userId);
    },
  };

  async function run(userId: string, roomId: string, text: string): Promise<void> {
    const inv: Invocation = {
      platform: 'console',
      user: { id: userId, displayName: userId },
      room: { id: roomId, name: roomId },
      text,
      source: 'command',
      lookupUser: async (id) => ({ id, displayName: id }),
    };
    for (const reply of await o.app.handle(inv)) print(reply, roomId, userId);
  }

  /** One input line. Script lines are `USER ROOM /conference …`. */
  async function line(raw: string): Promise<void> {
    const text = raw.trim();
    if (!text || text.startsWith('#')) return;
    if (!o.interactive) {
      const m = /^(\S+)\s+(\S+)\s+(.*)$/.exec(text);
      if (!m || !COMMAND.test(m[3]!)) {
        o.write(JSON.stringify({ error: `cannot read line (expected "USER ROOM /conference …"): ${text.slice(0, 80)}` }));
        return;
      }
      await run(m[1]!.replace(/^@/, ''), m[2]!.replace(/^#/, ''), m[3]!.replace(COMMAND, ''));
      return;
    }
    const as = /^\/as\s+@?(\S+)$/.exec(text);
    if (as) {
      user = as[1]!;
      o.write(says().nowUser(user, room));
      return;
    }
    const rm = /^\/room\s+#?(\S+)$/.exec(text);
    if (rm) {
      room = rm[1]!;
      o.write(says().nowRoom(user, room));
      return;
    }
    if (!COMMAND.test(text)) {
      o.write(says().hint);
      return;
    }
    await run(user, room, text.replace(COMMAND, ''));
  }

  /** Reads all input, one line at a time in order; resolves after the last reply. */
  async function runInput(): Promise<void> {
    // Interactive: readline's own terminal mode gives line editing and history (arrow keys).
    const rl = o.interactive
      ? createInterface({ input: o.input, output: process.stdout, terminal: true, historySize: 200 })
      : createInterface({ input: o.input, terminal: false });
    const prompt = (): void => {
      if (!o.interactive) return;
      rl.setPrompt(`${user}@#${room}> `);
      rl.prompt();
    };
    prompt();
    for await (const raw of rl) {
      try {
        await line(raw);
      } catch (err) {
        // Never leave the terminal on a failure; the core already turned command errors into replies.
        o.write(`error: ${err instanceof Error ? err.message : String(err)}`);
      }
      prompt();
    }
  }

  return { messenger, line, runInput, who: () => ({ user, room }) };
}
