// manifest.yml against what the Slack adapter serves: people must not be able to type into a
// conversation nobody reads (a DM to the bot with no message events would be silently ignored,
// and a secret typed there would stay in its history), and Slack must post where Bolt listens.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SLACK_EVENTS_PATH } from '../../adapters/slack/index.ts';
import { messages } from '../../src/i18n/index.ts';

const en = messages('en');

const manifest = readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8');
const setting = (key: string): string | undefined => new RegExp(`^\\s*${key}:\\s*(\\S+)`, 'm').exec(manifest)?.[1];

describe('manifest.yml', () => {
  it('keeps the Messages tab read-only, as the bot subscribes to no message events', () => {
    const writable = setting('messages_tab_enabled') === 'true' && setting('messages_tab_read_only_enabled') !== 'true';
    const subscribed = /^\s*bot_events:[\s\S]*?-\s*message\.im\b/m.test(manifest);
    expect(subscribed).toBe(false); // the bot answers slash commands and buttons only
    expect(writable).toBe(false);
  });

  it('so a secret typed in a channel is pointed to the private form, not to a DM with the bot', () => {
    const advice = en.configSecretNotHere('/conference');
    expect(advice).toContain('/conference config with nothing after it');
    expect(advice).not.toContain('direct message');
  });

  it('sends slash commands and interactivity to the path the adapter serves', () => {
    const urls = [...manifest.matchAll(/^\s*(?:url|request_url):\s*(\S+)/gm)].map((m) => new URL(m[1]!).pathname);
    expect(urls).toHaveLength(2);
    for (const path of urls) expect(path).toBe(SLACK_EVENTS_PATH);
  });
});
