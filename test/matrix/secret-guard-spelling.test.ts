// Issue 9, item 4, through the real Matrix adapter: every spelling of `config server <url> <secret>`
// that the core would run is redacted in a shared room and never handed to the core. The old
// guard (its own regex) let the quoted and zero-width spellings through.
import { afterEach, describe, expect, it } from 'vitest';
import { bodies, classRoom, startHarness, TINA, until, type Harness } from './harness.ts';

const SECRET = 'c0ffee00c0ffee00c0ffee00c0ffee00';
let h: Harness;
afterEach(async () => {
  await h.close();
  expect(h.log.lines.join('\n')).not.toContain(SECRET);
});

const SPELLINGS = [
  `!conference "config" server https://bbb.school.edu ${SECRET}`,
  `!conference 'config' 'server' https://bbb.school.edu '${SECRET}'`,
  `!conference con\u200bfig server https://bbb.school.edu ${SECRET}`,
  `!conference CONFIG\u00a0Server\thttps://bbb.school.edu\n${SECRET}`,
  `!conference config server ${SECRET} https://bbb.school.edu`,
  `!conference config server ${SECRET}`,
  `@classbot:school.edu: config "server" "https://bbb.school.edu ${SECRET}"`,
];

describe('matrix adapter: the secret guard and the core agree', () => {
  it('redacts every spelling that reaches config server with a secret, and the core never sees one', async () => {
    h = await startHarness();
    const { world } = h;
    const room = classRoom(world, { botLevel: 50 });
    const events = SPELLINGS.map((text) => world.sendText(room, TINA, text));
    await until(() => world.redactions.length >= SPELLINGS.length && bodies(world, room).length >= SPELLINGS.length, 'all redacted');
    expect(world.redactions.map((r) => r.eventId).sort()).toEqual([...events].sort());
    expect(h.app.invocations).toEqual([]);
    expect(JSON.stringify(world.sent)).not.toContain(SECRET);
  });
});
