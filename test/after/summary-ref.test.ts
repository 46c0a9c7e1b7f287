// Where a command's room reply landed (Slack ts, Matrix event id), told back by the adapter: the
// core keeps it only for a class summary (topic.summaryOf), so a later exact count edits that
// message; any other room reply (an announcement, "Tina ended the class") leaves the reference alone.
import { courseScope } from '../../src/core/scope.ts';
import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/types.ts';
import { startTestBot, type TestBot } from '../helpers/test-bot.ts';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

describe('app.roomReplyPosted', () => {
  it('keeps the reference of a summary, and only of a summary', async () => {
    bot = await startTestBot({});
    const { store } = bot;
    store.courses.ensure('MATH101', 'Algebra');
    const m = store.meetings.insert({
      scope: courseScope('MATH101'), bbbMeetingId: 'x', internalMeetingId: null, createTime: null, record: false,
      startedByPlatform: 'slack', startedBy: 'U1', startedInRoom: 'C1', createdAt: Date.now(), callbackToken: null,
    });
    store.analytics.summaryPosted(m.id, 1); // as the summary is made
    const room = (text: string, topic: Reply['topic']): Reply => ({ audience: 'room', text, ...(topic ? { topic } : {}) });
    bot.app.roomReplyPosted!('slack', 'C1', room('Algebra has ended. 1 person took part.', { event: 'meeting-ended', meetingKey: 'MATH101', summaryOf: m.id }), '111.1');
    expect(store.analytics.summaryRef(m.id, 'slack', 'C1')).toBe('111.1');
    bot.app.roomReplyPosted!('slack', 'C1', room('Tina ended the class.', { event: 'meeting-ended', meetingKey: 'MATH101' }), '222.2');
    bot.app.roomReplyPosted!('slack', 'C1', room('Algebra has started.', { event: 'meeting-started', meetingKey: 'MATH101', summaryOf: m.id }), '333.3');
    bot.app.roomReplyPosted!('slack', 'C1', room('Done.', undefined), '444.4');
    expect(store.analytics.summaryRef(m.id, 'slack', 'C1')).toBe('111.1');
    expect(store.analytics.summaryRef(m.id, 'matrix', 'C1')).toBeUndefined();
    // A summary of a meeting the store does not know: posted all the same, a warning, nothing kept.
    expect(() => bot!.app.roomReplyPosted!('slack', 'C1', room('?', { event: 'meeting-ended', summaryOf: 99_999 }), '555.5')).not.toThrow();
    expect(bot.log.lines.filter((l) => l.includes('could not keep where a summary was posted'))).toHaveLength(1);
  });
});
