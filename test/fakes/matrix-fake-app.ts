// A hand-written stand-in for the core, for the Matrix adapter tests: records every Invocation,
// answers with scripted Replies, keeps adapter state in a Map.
import type { App, Invocation, KeyValueStore, Messenger, Reply } from '../../src/core/types.ts';

export type Script = (invocation: Invocation) => Reply[] | Promise<Reply[]>;

export interface FakeMatrixApp extends App {
  invocations: Invocation[];
  messengers: Messenger[];
  stateEntries: Map<string, string>;
  /** Replaces the script (what the "core" answers). */
  script: Script;
}

export function memoryState(entries = new Map<string, string>()): KeyValueStore {
  const k = (ns: string, key: string): string => `${ns}\u0000${key}`;
  return {
    get: (ns, key) => entries.get(k(ns, key)),
    set: (ns, key, value) => void entries.set(k(ns, key), value),
    delete: (ns, key) => void entries.delete(k(ns, key)),
  };
}

export function createFakeMatrixApp(script: Script = () => [], entries = new Map<string, string>()): FakeMatrixApp {
  const app: FakeMatrixApp = {
    invocations: [],
    messengers: [],
    stateEntries: entries,
    script,
    state: memoryState(entries),
    async handle(invocation) {
      app.invocations.push(invocation);
      return app.script(invocation);
    },
    attachMessenger(messenger) {
      app.messengers.push(messenger);
    },
    languageFor: () => 'en',
  };
  return app;
}

export const JOIN_URL_BASE = 'https://bbb.school.edu/bigbluebutton/api/join?';

/**
 * A tiny class "core": start (moderator link by DM + announcement), join (viewer link by DM),
 * end, config server (refused outside a DM, like the real core), anything else echoed.
 */
export const classScript: Script = (inv) => {
  const [word, ...args] = inv.text.trim().split(/\s+/);
  const link = (role: string) => ({
    url: `${JOIN_URL_BASE}fullName=${encodeURIComponent(inv.user.displayName)}&role=${role}&checksum=abcdef0123456789abcdef`,
    label: role === 'MODERATOR' ? 'Join as moderator' : 'Join the class',
    kind: role === 'MODERATOR' ? ('join-moderator' as const) : ('join-viewer' as const),
  });
  switch (word) {
    case 'start':
      return [
        { audience: 'user', text: 'MATH101 has started. Your moderator link:', links: [link('MODERATOR')] },
        {
          audience: 'room',
          text: `${inv.user.displayName} started MATH101 <Algebra> & friends.`,
          actions: [{ id: 'join', label: 'Join' }],
          topic: { event: 'meeting-started', meetingKey: 'MATH101' },
        },
      ];
    case 'join':
      return [{ audience: 'user', text: 'Your link for MATH101:', links: [link('VIEWER')] }];
    case 'end':
      return [{ audience: 'room', text: 'MATH101 has ended.', topic: { event: 'meeting-ended', meetingKey: 'MATH101' } }];
    case 'config':
      if (args[0] === 'server' && !inv.room.isDirect) {
        return [{ audience: 'user', text: 'Send this in a direct message.', error: { field: 'secret' } }];
      }
      return [{ audience: 'user', text: 'Server saved.' }];
    case 'attendance':
      return [
        {
          audience: 'user',
          text: 'Attendance for MATH101.',
          file: { name: 'attendance.csv', contentType: 'text/csv', content: 'name,minutes\nSam,42\n' },
        },
      ];
    default:
      return [{ audience: 'room', text: `echo: ${inv.text}` }];
  }
};
