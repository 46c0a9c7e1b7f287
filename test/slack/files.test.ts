// Reply.file (the attendance CSV of `/conference report --csv`): uploaded with files.uploadV2
// into the DM between the bot and the user who asked, never into the shared channel; the channel
// answer (ephemeral) only says so. If the upload fails, the old ephemeral code block comes back.
import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/types.ts';
import { STUDENT, TEACHER } from '../fakes/slack-fake-app.ts';
import type { ResponseUrlPost } from '../fakes/slack-web-api.ts';
import { blocksText, CHANNEL, type Harness, startHarness } from './harness.ts';

const NOTICE = 'I sent you the file in a direct message';
const TEACHER_DM = 'D0TEACHER1';
const STUDENT_DM = 'D0STUDENT1';

let h: Harness;
afterEach(async () => h.close());

async function start(): Promise<Harness> {
  h = await startHarness();
  h.api.setDirectChannel(TEACHER.id, TEACHER_DM);
  h.api.setDirectChannel(STUDENT.id, STUDENT_DM);
  return h;
}

async function answerTo(responseUrl: string): Promise<ResponseUrlPost> {
  const [answer] = await h.api.waitFor(() => h.api.postsTo(responseUrl).length === 1 && h.api.postsTo(responseUrl), 5000, 'the answer');
  return answer!;
}

/** Every channel id any Web API call named (channel, channel_id, channels). */
function channelsNamed(): string[] {
  return h.api.calls.flatMap((c) => ['channel', 'channel_id', 'channels'].map((k) => c.body[k]).filter((v): v is string => typeof v === 'string'));
}

/** A real-looking report: > 2,900 characters, non-ASCII names, quotes, commas, CRLF line ends. */
function bigCsv(): string {
  const rows = ['"name","joined","left","minutes"'];
  for (let i = 0; i < 120; i++) rows.push(`"Zoë O'Brien-Łukasz ${i}","2024-05-01T09:0${i % 10}:00Z","2024-05-01T10:30:00Z",${40 + (i % 50)}`);
  rows.push('"Ayşe ""Ace"" Çelik, 😀","2024-05-01T09:00:00Z","",0');
  return rows.join('\r\n') + '\r\n';
}

describe('Slack: a reply with a file', () => {
  it('is uploaded to the user’s DM (conversations.open), never to the channel; the user gets an ephemeral notice', async () => {
    await start();
    const res = await h.command('attendance', TEACHER);
    const answer = await answerTo(res.responseUrl);

    // The DM with the user who asked.
    expect(h.api.callsTo('conversations.open').map((c) => c.body['users'])).toEqual([TEACHER.id]);

    // files.uploadV2 = getUploadURLExternal -> POST to upload_url -> completeUploadExternal.
    const [getUrl] = h.api.callsTo('files.getUploadURLExternal');
    expect(getUrl?.body).toMatchObject({ filename: 'attendance.csv', length: String(Buffer.byteLength('name,minutes\nsam,42\n')) });
    expect(h.api.fileUploads).toHaveLength(1);
    expect(h.api.fileUploads[0]!.bytes.toString('utf8')).toBe('name,minutes\nsam,42\n');

    const [complete] = h.api.callsTo('files.completeUploadExternal');
    expect(complete?.body['channel_id']).toBe(TEACHER_DM);
    expect(complete?.body['channels']).toBeUndefined();
    expect(complete?.body['files']).toEqual([{ id: h.api.fileUploads[0]!.fileId, title: 'attendance.csv' }]);
    expect(complete?.body['initial_comment']).toBe('Attendance of MATH101:');
    expect(h.api.completedUploads.map((u) => u.channelId)).toEqual([TEACHER_DM]);

    // Nothing went to the shared channel: no channel post, no upload there.
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(0);
    expect(channelsNamed()).not.toContain(CHANNEL.id);

    // The answer in the channel: ephemeral, says where the file is, no longer carries the CSV.
    expect(answer.body['response_type']).toBe('ephemeral');
    expect(answer.replaceOriginal).toBe(false);
    expect(String(answer.body['text'])).toContain('Attendance of MATH101:');
    expect(String(answer.body['text'])).toContain(NOTICE);
    expect(blocksText(answer.body)).toContain(NOTICE);
    expect(blocksText(answer.body)).not.toContain('sam,42');
    expect(blocksText(answer.body)).not.toContain('```');
    expect(h.log.lines.filter((l) => l.includes(' WARN '))).toEqual([]);
  });

  it('uploads the CSV byte for byte, however long (no truncation)', async () => {
    await start();
    const csv = bigCsv();
    expect(csv.length).toBeGreaterThan(2900);
    h.app.script.set('report --csv', () => [
      { audience: 'user', text: 'Attendance report of MATH101', file: { name: 'attendance-MATH101.csv', contentType: 'text/csv', content: csv } },
    ]);
    const res = await h.command('report --csv', STUDENT);
    const answer = await answerTo(res.responseUrl);

    const [upload] = h.api.fileUploads;
    expect(upload?.bytes.equals(Buffer.from(csv, 'utf8'))).toBe(true);
    expect(upload?.declaredLength).toBe(Buffer.byteLength(csv, 'utf8'));
    expect(upload?.filename).toBe('attendance-MATH101.csv');
    const [completed] = h.api.completedUploads;
    expect(completed?.channelId).toBe(STUDENT_DM);
    expect(completed?.bytes.get(upload!.fileId)?.toString('utf8')).toBe(csv);
    expect(completed?.files).toEqual([{ id: upload!.fileId, title: 'attendance-MATH101.csv' }]);
    expect(blocksText(answer.body)).toContain(NOTICE);
    expect(channelsNamed()).not.toContain(CHANNEL.id);
  });

  it('missing_scope (no files:write): falls back to the ephemeral code block and logs a warning without links', async () => {
    await start();
    h.api.setError('files.getUploadURLExternal', 'missing_scope');
    const res = await h.command('attendance', TEACHER);
    const answer = await answerTo(res.responseUrl);

    expect(answer.body['response_type']).toBe('ephemeral');
    expect(blocksText(answer.body)).toContain('```\\nname,minutes\\nsam,42\\n```');
    expect(blocksText(answer.body)).not.toContain(NOTICE);
    expect(h.api.fileUploads).toHaveLength(0);
    expect(h.api.callsTo('files.completeUploadExternal')).toHaveLength(0);
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(0);

    const warnings = h.log.lines.filter((l) => l.includes(' WARN '));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('missing_scope');
    expect(warnings[0]).not.toMatch(/https?:\/\//);
    expect(warnings[0]).not.toContain('sam,42');
  });

  it('a failed POST to the upload URL also falls back to the code block', async () => {
    await start();
    h.api.uploadStatus = 500;
    const res = await h.command('attendance', TEACHER);
    const answer = await answerTo(res.responseUrl);
    expect(blocksText(answer.body)).toContain('```\\nname,minutes\\nsam,42\\n```');
    expect(h.api.callsTo('files.completeUploadExternal')).toHaveLength(0);
    const warnings = h.log.lines.filter((l) => l.includes(' WARN '));
    expect(warnings.filter((l) => l.includes('could not upload the file'))).toHaveLength(1);
    for (const w of warnings) expect(w).not.toMatch(/https?:\/\/|upload\/v1/);
  });

  it('through the messenger: uploaded to the DM, whose comment carries the text; nothing in the room', async () => {
    await start();
    const reply: Reply = { audience: 'user', text: 'Your attendance list', file: { name: 'attendance.csv', contentType: 'text/csv', content: 'name,minutes\nsam,42\n' } };
    await h.adapter.messenger.sendToUser(TEACHER.id, reply, { roomId: CHANNEL.id });

    expect(h.api.completedUploads.map((u) => u.channelId)).toEqual([TEACHER_DM]);
    expect(h.api.callsTo('chat.postEphemeral')).toEqual([]);
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(0);
  });
});
