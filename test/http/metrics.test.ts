// GET /metrics on a running bot (issue 10): commands, BBB call latency, callbacks, links given
// and open meetings move as the bot works; METRICS_TOKEN guards the route when set.
import { afterEach, describe, expect, it } from 'vitest';
import { classroom, type Classroom } from '../after/setup.ts';
import { settle } from '../helpers/test-bot.ts';

let c: Classroom | undefined;
afterEach(async () => {
  await c?.bot.close();
  c = undefined;
});

async function scrape(headers: Record<string, string> = {}): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(`${c!.bot.publicUrl}/metrics`, { headers });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

/** The value of one sample line, e.g. value(text, 'bbb_chatops_links_given_total{role="VIEWER"}'); 0 when absent. */
function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('/metrics', () => {
  it('counts commands, BBB calls, links, callbacks and open meetings of a real class', async () => {
    c = await classroom({ http: true }); // config link + config teacher add, as admin
    const before = await scrape();
    expect(before.status).toBe(200);
    expect(before.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(value(before.text, 'bbb_chatops_commands_total{command="config link",outcome="ok"}')).toBe(1);
    expect(value(before.text, 'bbb_chatops_open_meetings')).toBe(0);
    expect(before.text).toContain('process_resident_memory_bytes');

    await c.d.run('tina general /conference start', 'sam general /conference join', 'sam general /conference start', 'sam general /conference nonsense');
    const during = await scrape();
    expect(value(during.text, 'bbb_chatops_commands_total{command="start",outcome="ok"}')).toBe(1);
    expect(value(during.text, 'bbb_chatops_commands_total{command="join",outcome="ok"}')).toBe(1);
    expect(value(during.text, 'bbb_chatops_commands_total{command="start",outcome="refused"}')).toBe(1);
    expect(value(during.text, 'bbb_chatops_commands_total{command="unknown",outcome="unknown-command"}')).toBe(1);
    expect(value(during.text, 'bbb_chatops_links_given_total{role="MODERATOR"}')).toBe(1);
    expect(value(during.text, 'bbb_chatops_links_given_total{role="VIEWER"}')).toBe(1);
    expect(value(during.text, 'bbb_chatops_open_meetings')).toBe(1);
    expect(value(during.text, 'bbb_chatops_bbb_call_duration_seconds_count{call="create",result="ok"}')).toBe(1);
    expect(value(during.text, 'bbb_chatops_command_duration_seconds_count{command="start"}')).toBe(2);

    await c.bot.bbb.control.endMeeting(c.meetingId); // BBB calls back on /bbb/ended/<token>
    await settle(c.bot);
    const after = await scrape();
    expect(value(after.text, 'bbb_chatops_callbacks_total{kind="meeting-ended",result="accepted"}')).toBe(1);
    expect(value(after.text, 'bbb_chatops_open_meetings')).toBe(0);

    await fetch(`${c.bot.publicUrl}/bbb/ended/not-a-token`);
    expect(value((await scrape()).text, 'bbb_chatops_callbacks_total{kind="meeting-ended",result="not-found"}')).toBe(1);
  });

  it('counts a BBB failure by call and result', async () => {
    c = await classroom({ http: true });
    c.bot.bbb.control.injectFault({ kind: 'http500', calls: ['create'] });
    await c.d.run('tina general /conference start');
    const { text } = await scrape();
    expect(value(text, 'bbb_chatops_bbb_call_duration_seconds_count{call="create",result="http"}')).toBe(1);
    expect(value(text, 'bbb_chatops_commands_total{command="start",outcome="bbb-error"}')).toBe(1);
  });

  it('with METRICS_TOKEN: 401 without the bearer token, 200 with it', async () => {
    const token = 'metrics-token-0123456789';
    c = await classroom({ http: true, env: { METRICS_TOKEN: token } });
    expect((await scrape()).status).toBe(401);
    expect((await scrape({ authorization: 'Bearer wrong' })).status).toBe(401);
    const ok = await scrape({ authorization: `Bearer ${token}` });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('bbb_chatops_commands_total');
  });
});
