// `/conference report last --chart` through Slack end to end: the PNG is uploaded into the DM of the
// teacher who asked (never the channel), in their Slack time zone (users.info `tz`) and language;
// if the upload is refused, the ephemeral answer says the picture could not be sent (no bytes
// inline); a student gets the same refusal as for `report`.
import { afterEach, describe, expect, it } from 'vitest';
import { PNG_WIDTH } from '../../src/core/after/chart/render.ts';
import { ADMIN, STUDENT, TEACHER } from '../fakes/slack-fake-app.ts';
import type { ResponseUrlPost } from '../fakes/slack-web-api.ts';
import { decodePng } from '../helpers/png.ts';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';
import { blocksText, CHANNEL, type Harness, type Person, startHarness } from './harness.ts';

const TEACHER_DM = 'D0TEACHER1';

let bot: TestBot | undefined;
let h: Harness<TestBot['app']> | undefined;
afterEach(async () => {
  try {
    await h?.close();
  } finally {
    await bot?.close();
    h = undefined;
    bot = undefined;
  }
});

async function classroom(teacher: { locale?: string; tz?: string } = {}): Promise<(text: string, who: Person) => Promise<ResponseUrlPost>> {
  bot = await startTestBot({});
  h = await startHarness({ app: bot.app });
  bot.app.attachMessenger(h.adapter.messenger);
  h.api.addUser({ id: TEACHER.id, name: TEACHER.name, realName: 'Tina Teacher', displayName: 'Tina', ...teacher });
  h.api.setDirectChannel(TEACHER.id, TEACHER_DM);
  const api = h.api;
  const run = async (text: string, who: Person): Promise<ResponseUrlPost> => {
    const res = await h!.command(text, who);
    const posts = await api.waitFor(() => api.postsTo(res.responseUrl).length >= 1 && api.postsTo(res.responseUrl), 10_000, `answer to "${text}"`);
    return posts.at(-1)!;
  };
  await run('config link MATH101 Algebra', ADMIN);
  await run('config teacher add <@UTEACHER|tina>', ADMIN);
  await run('start', TEACHER);
  await h.command('end', TEACHER); // answered in the channel
  await api.waitFor(() => api.callsTo('chat.postMessage').some((c) => /has ended/.test(String(c.body['text']))), 10_000, 'the summary');
  return run;
}

const channelsNamed = (): string[] =>
  h!.api.calls.flatMap((c) => ['channel', 'channel_id', 'channels'].map((k) => c.body[k]).filter((v): v is string => typeof v === 'string'));

describe('Slack: report --chart', () => {
  it("uploads the PNG into the teacher's DM only, in their Slack time zone; the channel answer only says so", async () => {
    const run = await classroom();
    const channelCalls = channelsNamed().filter((c) => c === CHANNEL.id).length;
    const answer = await run('report last --chart', TEACHER);

    expect(h!.api.fileUploads).toHaveLength(1);
    const png = decodePng(h!.api.fileUploads[0]!.bytes);
    expect(png.width).toBe(PNG_WIDTH);
    const [complete] = h!.api.callsTo('files.completeUploadExternal');
    expect(complete!.body['channel_id']).toBe(TEACHER_DM);
    expect(String((complete!.body['files'] as { title: string }[])[0]!.title)).toMatch(/^attendance-MATH101-\d{4}-\d\d-\d\d\.png$/);
    // The sample users.info says America/Los_Angeles: the chart is drawn in the teacher's zone.
    expect(String(complete!.body['initial_comment'])).toMatch(/^Attendance of Algebra \(MATH101\) on \d{4}-\d\d-\d\d, as a picture \(times in America\/Los_Angeles\)\.$/);
    expect(h!.api.completedUploads.map((u) => u.channelId)).toEqual([TEACHER_DM]);
    expect(channelsNamed().filter((c) => c === CHANNEL.id)).toHaveLength(channelCalls); // nothing more in the channel

    expect(answer.body['response_type']).toBe('ephemeral');
    expect(blocksText(answer.body)).toContain('I sent you the file in a direct message');
  });

  it('a Spanish teacher in Madrid gets it in Spanish and Madrid time', async () => {
    const run = await classroom({ locale: 'es-ES', tz: 'Europe/Madrid' });
    await run('report last --chart', TEACHER);
    const [complete] = h!.api.callsTo('files.completeUploadExternal');
    expect(String(complete!.body['initial_comment'])).toMatch(/^Asistencia de Algebra \(MATH101\) del \d{4}-\d\d-\d\d, en una imagen \(horas en Europe\/Madrid\)\.$/);
    expect(decodePng(h!.api.fileUploads[0]!.bytes).width).toBe(PNG_WIDTH);
  });

  it('upload refused (no files:write): the ephemeral answer says the picture could not be sent, with no bytes in it', async () => {
    const run = await classroom();
    h!.api.setError('files.getUploadURLExternal', 'missing_scope');
    const answer = await run('report last --chart', TEACHER);
    expect(answer.body['response_type']).toBe('ephemeral');
    const text = blocksText(answer.body);
    expect(text).toMatch(/attendance-MATH101-\d{4}-\d\d-\d\d\.png could not be sent to you/);
    expect(text).not.toContain('PNG');
    expect(h!.api.completedUploads).toEqual([]);
  });

  it('a student gets the same refusal as for report, and no file', async () => {
    const run = await classroom();
    const chart = await run('report last --chart', STUDENT);
    const report = await run('report', STUDENT);
    expect(blocksText(chart.body)).toContain('Only the teachers and coaches');
    expect(chart.body['text']).toBe(report.body['text']);
    expect(h!.api.fileUploads).toEqual([]);
  });
});
