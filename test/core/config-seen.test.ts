// The store keeps the room link, course, roles and languages in memory (issue 14); a change,
// made by a command or by another process writing the same database file, is seen by the very
// next join.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/index.ts';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';
import { consoleDriver, roleOf, type Driver } from '../helpers/console-driver.ts';

let bot: TestBot;
let d: Driver;
let other: Store | undefined;

beforeEach(async () => {
  bot = await startTestBot();
  d = consoleDriver(bot);
  await d.run(
    'admin general /conference config link MATH101 Algebra I',
    'admin general /conference config teacher add @tina',
    'tina general /conference start',
  );
});
afterEach(async () => {
  other?.close();
  other = undefined;
  await bot.close();
});

const joinRole = async (user: string): Promise<string | null> => {
  const [line] = await d.run(`${user} general /conference join`);
  return line?.links[0] ? roleOf(line.links[0]) : null;
};

describe('a configuration change is seen by the next join', () => {
  it('made by a command: a new teacher gets a MODERATOR link at once, and a removed one a VIEWER link', async () => {
    expect(await joinRole('sam')).toBe('VIEWER');
    await d.run('admin general /conference config teacher add @sam');
    expect(await joinRole('sam')).toBe('MODERATOR');
    await d.run('admin general /conference config teacher remove @sam');
    expect(await joinRole('sam')).toBe('VIEWER');
  });

  it('made by another process on the same database file: role, admin, link and language', async () => {
    expect(await joinRole('sam')).toBe('VIEWER');
    other = Store.open(join(bot.dir, 'bot.sqlite'));
    other.roles.setCourseRole('MATH101', 'console', 'sam', 'teacher', 'sam');
    expect(await joinRole('sam')).toBe('MODERATOR');
    other.roles.removeCourseRole('MATH101', 'console', 'sam');
    expect(await joinRole('sam')).toBe('VIEWER');
    other.roles.addAdmin('console', 'sam', 'test');
    expect(await joinRole('sam')).toBe('MODERATOR');

    other.userLanguages.choose('console', 'ana', 'es');
    const [spanish] = await d.run('ana general /conference join');
    expect(spanish!.text).toMatch(/enlace/i);

    other.rooms.unlink('console', 'general');
    const [unlinked] = await d.run('sam general /conference join');
    expect(unlinked!.links).toEqual([]);
    expect(unlinked!.text).toContain('not linked');
  });
});
