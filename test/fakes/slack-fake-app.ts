// A hand-written stand-in for the core (app.handle), until the real one exists: it records every
// Invocation and answers a small classroom script (start, join, notify, end, config …).
import type { App, Invocation, KeyValueStore, Messenger, Reply } from '../../src/core/types.ts';

export const ADMIN = { id: 'UADMIN', name: 'ada' };
export const TEACHER = { id: 'UTEACHER', name: 'tina' };
export const STUDENT = { id: 'USTUDENT', name: 'sam' };
export const GOOD_SECRET = 'good-secret-0123456789';

export interface FakeApp extends App {
  invocations: Invocation[];
  messengers: Messenger[];
  stateMap: Map<string, string>;
  /** Extra latency per command word (`start`, `config server`, …), like a slow BBB server. */
  delays: Map<string, number>;
  /** Replace the answer for an exact text. */
  script: Map<string, (inv: Invocation) => Reply[]>;
}

export function joinUrl(port: number, userId: string, role: 'MODERATOR' | 'VIEWER'): string {
  return `http://127.0.0.1:${port}/bigbluebutton/api/join?fullName=${userId}&meetingID=MATH101&role=${role}&redirect=true&checksum=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b`;
}

function user(text: string, extra: Partial<Reply> = {}): Reply {
  return { audience: 'user', text, ...extra };
}

export function createFakeApp(opts: { joinPort?: number } = {}): FakeApp {
  const port = opts.joinPort ?? 8090;
  const stateMap = new Map<string, string>();
  const state: KeyValueStore = {
    get: (ns, key) => stateMap.get(`${ns}/${key}`),
    set: (ns, key, value) => void stateMap.set(`${ns}/${key}`, value),
    delete: (ns, key) => void stateMap.delete(`${ns}/${key}`),
  };
  let started = false;

  const classroom = (inv: Invocation): Reply[] => {
    const [word = '', ...args] = inv.text.split(/\s+/);
    const isAdmin = inv.user.id === ADMIN.id || inv.user.isPlatformAdmin === true;
    switch (word) {
      case 'start':
        if (inv.user.id !== TEACHER.id && !isAdmin) return [user('Only a teacher of MATH101 can start the class.', { error: {} })];
        started = true;
        return [
          user('You started MATH101 Algebra. Join as moderator:', {
            links: [{ url: joinUrl(port, inv.user.id, 'MODERATOR'), label: 'Join as moderator', kind: 'join-moderator' }],
          }),
          { audience: 'room', text: 'MATH101 Algebra has started.', topic: { event: 'meeting-started', meetingKey: 'MATH101' }, actions: [{ id: 'join', label: 'Join' }] },
        ];
      case 'join':
        if (!started) return [user('MATH101 has not started yet.', { actions: [{ id: 'notify', label: 'Notify me' }], topic: { event: 'notice', meetingKey: 'MATH101' } })];
        return [user(`Here is your link, ${inv.user.displayName}.`, { links: [{ url: joinUrl(port, inv.user.id, 'VIEWER'), label: 'Join MATH101', kind: 'join-viewer' }] })];
      case 'notify':
        return [user('I will tell you when MATH101 starts.')];
      case 'end':
        started = false;
        return [user('You ended the class.'), { audience: 'room', text: 'MATH101 Algebra has ended.', topic: { event: 'meeting-ended', meetingKey: 'MATH101' } }];
      case 'attendance':
        return [user('Attendance of MATH101:', { file: { name: 'attendance.csv', contentType: 'text/csv', content: 'name,minutes\nsam,42\n' } })];
      case 'config':
        return config(inv, args, isAdmin);
      default:
        return [user(`I do not know "${inv.text}".`, { error: { field: 'text' } })];
    }
  };

  const config = (inv: Invocation, args: string[], isAdmin: boolean): Reply[] => {
    if (!isAdmin) return [user('Only bot admins can change the configuration.', { error: {} })];
    if (args[0] === 'check-admin') return [user('You are an admin.')];
    if (args[0] !== 'server') return [user(`Configuration updated: ${args.join(' ')}`)];
    const [, url = '', secret = ''] = args;
    if (!inv.room.isDirect) return [user('Never type the shared secret in a channel. Run /conference config (no arguments) to open a private form.', { error: { field: 'secret' } })];
    if (!/^https?:\/\//.test(url)) return [user('That is not a URL.', { error: { field: 'url' } })];
    if (secret !== GOOD_SECRET) return [user('The server rejected the shared secret (checksumError).', { error: { field: 'secret' } })];
    return [user(`Connected to BigBlueButton 2.7 at ${url}.`)];
  };

  const app: FakeApp = {
    invocations: [],
    messengers: [],
    stateMap,
    delays: new Map(),
    script: new Map(),
    state,
    attachMessenger: (m) => void app.messengers.push(m),
    languageFor: () => 'en',
    async handle(inv) {
      app.invocations.push(inv);
      const delay = [...app.delays].find(([prefix]) => inv.text.startsWith(prefix))?.[1];
      if (delay) await new Promise((r) => setTimeout(r, delay));
      const scripted = app.script.get(inv.text);
      return scripted ? scripted(inv) : classroom(inv);
    },
  };
  return app;
}
