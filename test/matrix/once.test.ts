// Never act twice or on the past: restart from the stored sync token, duplicate deliveries,
// the bot's own events, edits, notices and events from before start-up.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { matrixFixture } from '../fakes/matrix-fixtures.ts';
import { bodies, classRoom, SAM, startHarness, TINA, until, type Harness } from './harness.ts';
import { SeenEvents } from '../../adapters/matrix/filters.ts';

let h: Harness;
afterEach(async () => {
  await h.close();
});

const texts = (): string[] => h.app.invocations.map((i) => i.text);

describe('matrix adapter: never twice, never the past', () => {
  it('restart: resumes from the stored sync token and does not re-run old commands', async () => {
    h = await startHarness();
    const { world } = h;
    const room = classRoom(world);
    world.sendText(room, TINA, '!conference first');
    await until(() => bodies(world, room).length === 1, 'first echo');

    const storage = join(dirname(h.config.DB_PATH), 'matrix-sync.json');
    expect(existsSync(storage)).toBe(true);
    await h.restart();
    world.sendText(room, TINA, '!conference second');
    await until(() => bodies(world, room).length === 2, 'second echo');

    expect(texts()).toEqual(['first', 'second']);
    // Only the very first start synced without a token; the restarted client resumed from it.
    expect(world.syncRequests.filter((r) => r.since === null)).toHaveLength(1);
    expect(JSON.parse(readFileSync(storage, 'utf8')).syncToken).toMatch(/^s\d+$/);
  });

  it('restart with a lost sync token (initial sync repeats recent history): old commands still not re-run', async () => {
    h = await startHarness();
    const { world } = h;
    const room = classRoom(world);
    world.sendText(room, TINA, '!conference first');
    await until(() => bodies(world, room).length === 1, 'first echo');
    await h.adapter.stop();
    const storage = join(dirname(h.config.DB_PATH), 'matrix-sync.json');
    const saved = JSON.parse(readFileSync(storage, 'utf8')) as Record<string, unknown>;
    writeFileSync(storage, JSON.stringify({ ...saved, syncToken: null }));
    await h.restart();
    world.sendText(room, TINA, '!conference second');
    await until(() => bodies(world, room).length === 2, 'second echo');
    expect(world.syncRequests.filter((r) => r.since === null)).toHaveLength(2);
    expect(texts()).toEqual(['first', 'second']);
  });

  it('a duplicate delivery of the same event id runs once', async () => {
    h = await startHarness();
    const { world } = h;
    const room = classRoom(world);
    const cmd = world.sendText(room, TINA, '!conference once');
    world.redeliver(room, cmd);
    await until(() => bodies(world, room).length === 1, 'echo');
    world.redeliver(room, cmd);
    world.sendText(room, TINA, '!conference sentinel');
    await until(() => bodies(world, room).length === 2, 'sentinel');
    expect(texts()).toEqual(['once', 'sentinel']);
    expect(new SeenEvents(h.app.state).firstTime(cmd)).toBe(false); // remembered in the store: a restart knows it too
  });

  it('ignores its own events, edits, notices, and events from before start-up', async () => {
    h = await startHarness();
    const { world } = h;
    const room = classRoom(world);
    world.sendText(room, world.botUserId, '!conference own');
    world.sendText(room, TINA, '* !conference edited', {
      content: {
        'm.new_content': { msgtype: 'm.text', body: '!conference edited' },
        'm.relates_to': { rel_type: 'm.replace', event_id: '$x:school.edu' },
      },
    });
    const notice = matrixFixture('m.room.message-m.notice')['content'] as Record<string, unknown>;
    world.sendText(room, SAM, '!conference notice', { msgtype: 'm.notice', formattedBody: String(notice['formatted_body']) });
    world.sendText(room, TINA, '!conference old', { ts: Date.now() - 60_000 });
    world.sendText(room, TINA, 'just chatting about !conference');
    world.sendText(room, TINA, '!conference sentinel');
    await until(() => bodies(world, room).length === 1, 'sentinel echo');
    expect(texts()).toEqual(['sentinel']);
    // Its own replies came back through /sync too and were not taken as commands.
    world.sendText(room, TINA, '!conference sentinel2');
    await until(() => bodies(world, room).length === 2, 'second sentinel');
    expect(texts()).toEqual(['sentinel', 'sentinel2']);
  });

  it('events of the last sync after stop() are not handled and their token is not saved', async () => {
    h = await startHarness();
    const { world } = h;
    const room = classRoom(world);
    world.sendText(room, TINA, '!conference before');
    await until(() => bodies(world, room).length === 1, 'echo');
    await h.adapter.stop();
    world.sendText(room, TINA, '!conference during-shutdown');
    await new Promise((r) => setTimeout(r, 300)); // the last long poll returns
    expect(texts()).toEqual(['before']);
    await h.restart();
    await until(() => texts().length === 2, 'the command typed during shutdown, after restart');
    expect(texts()).toEqual(['before', 'during-shutdown']);
  });
});
