// What the measured processes talk to, started once in the bench process: the fake Slack Web API
// (auth.test, users.info, chat.postMessage), the response_url sink and the BBB dev server; plus
// the people of the burst: `courses` courses, each in its own channel with a teacher and `students`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevBbb, type DevBbbServer } from '../src/bbb/dev-server/index.ts';
import { startFakeSlackWebApi, type FakeSlackWebApi } from '../test/fakes/slack-web-api.ts';
import type { SlashCommand } from './load.ts';
import { ResponseSink } from './sink.ts';
import { channelOf, courseCode, studentOf, teacherOf } from './people.ts';

export const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-0000000000-0000000000-benchbenchbenchbench';
/** One admin per course: the per-user limit (src/core/rate-limit.ts, a burst of 20 then 1/s) would refuse one admin's set-up of more than 10 courses. */
export const adminOf = (c: number): { id: string; name: string } => ({ id: `UBENCHADMIN${String(c).padStart(4, '0')}`, name: `admin${c}` });

export interface World {
  api: FakeSlackWebApi;
  bbb: DevBbbServer;
  sink: ResponseSink;
  dir: string;
  courses: number;
  students: number;
  close(): Promise<void>;
}

export async function startWorld(opts: { courses: number; students: number }): Promise<World> {
  const api = await startFakeSlackWebApi();
  for (let c = 0; c < opts.courses; c++) {
    api.addUser({ id: adminOf(c).id, name: adminOf(c).name, realName: `Ada Admin ${c}` });
    const t = teacherOf(c);
    api.addUser({ id: t.userId, name: t.userName, realName: `Teacher ${c}` });
    for (let s = 0; s < opts.students; s++) {
      const u = studentOf(c, s);
      api.addUser({ id: u.userId, name: u.userName, realName: `Student ${c}-${s}`, displayName: `s${c}-${s}` });
    }
  }
  const bbb = await startDevBbb({ callbacks: false });
  const sink = await new ResponseSink().start();
  const dir = mkdtempSync(join(tmpdir(), 'bbb-chatops-bench-'));
  return {
    api, bbb, sink, dir, ...opts,
    async close() {
      await sink.close();
      await api.close();
      await bbb.close();
    },
  };
}

/** The commands that make the classroom: link each channel, name its teacher, start the class. */
export function setupCommands(w: World): SlashCommand[] {
  const out: SlashCommand[] = [];
  for (let c = 0; c < w.courses; c++) {
    const t = teacherOf(c);
    const admin = { userId: adminOf(c).id, userName: adminOf(c).name, ...channelOf(c) };
    out.push({ ...admin, text: `config link ${courseCode(c)} Course ${c}` });
    out.push({ ...admin, text: `config teacher add <@${t.userId}|${t.userName}>` });
    out.push({ ...t, ...channelOf(c), text: 'start' });
  }
  return out;
}

/** Environment of the bot child: the production settings, pointed at this world. */
export function botEnv(w: World, port: number): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: w.api.apiUrl,
    BBB_URL: w.bbb.url,
    BBB_SECRET: w.bbb.secret,
    DB_PATH: join(w.dir, 'bot.sqlite'),
    BOT_ADMINS: Array.from({ length: w.courses }, (_, c) => `slack:${adminOf(c).id}`).join(','),
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(port),
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
  };
}
