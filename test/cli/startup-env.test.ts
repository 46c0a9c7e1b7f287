// Start-up decisions in-process: .env and blank values, chat or terminal, hints for misspelled
// settings, URL rules (properties), and the one-line failure printer that never prints a token.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseMode, environment, failureLine, settingHints } from '../../adapters/startup.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';

const dir = mkdtempSync(join(tmpdir(), 'startup-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('environment and .env', () => {
  it('reads .env under the real environment; blank values count as unset', () => {
    writeFileSync(join(dir, '.env'), 'HTTP_PORT=\nBBB_DEV_PORT=8099\nLOG_LEVEL=debug\nPUBLIC_URL=https://from-file.example.org\n');
    const env = environment(dir, { LOG_LEVEL: 'warn', PUBLIC_URL: '' });
    expect(env).toMatchObject({ LOG_LEVEL: 'warn', BBB_DEV_PORT: '8099', PUBLIC_URL: 'https://from-file.example.org' });
    const c = loadConfig(env);
    expect(c.HTTP_PORT).toBeUndefined(); // not port 0
    expect(c.BBB_DEV_PORT).toBe(8099);
    expect(environment(join(dir, 'nowhere'), { A: '1' })).toEqual({ A: '1' });
  });

  it('treats every blank value as unset', () => {
    const blank = { HTTP_PORT: '', LOG_LEVEL: ' ', BBB_TIMEOUT_MS: '', BOT_TIMEZONE: '', MATRIX_COMMAND_PREFIX: '' };
    const c = loadConfig(blank);
    expect(c.HTTP_PORT).toBeUndefined();
    expect(c).toMatchObject({ LOG_LEVEL: 'info', BBB_TIMEOUT_MS: 5000, BOT_TIMEZONE: 'UTC', MATRIX_COMMAND_PREFIX: '!conference' });
  });
});

describe('chat or terminal', () => {
  const tty = { consoleAsked: false, stdinIsTTY: true };
  const pipe = { consoleAsked: false, stdinIsTTY: false };
  it('chooses chat with a token, the terminal when asked or on a bare terminal, and refuses the rest', () => {
    expect(chooseMode({ SLACK_BOT_TOKEN: 'xoxb-1' }, pipe)).toBe('chat');
    expect(chooseMode({ MATRIX_ACCESS_TOKEN: 'syt' }, tty)).toBe('chat');
    expect(chooseMode({}, tty)).toBe('console');
    expect(chooseMode({ SLACK_BOT_TOKEN: '' }, tty)).toBe('console');
    expect(chooseMode({ SLACK_BOT_TOKEN: 'xoxb-1' }, { consoleAsked: true, stdinIsTTY: false })).toBe('console');
    expect(() => chooseMode({}, pipe)).toThrow(/^no chat platform configured: set SLACK_BOT_TOKEN/);
    expect(() => chooseMode({ SLACK_TOKEN: 'xoxb-1' }, tty)).toThrow(/did you mean SLACK_BOT_TOKEN\?/);
  });

  it('suggests the setting a misspelled key meant', () => {
    expect(settingHints({ SLACK_TOKEN: 'x', MATRIX_TOKEN: 'y', BBB_SECRETS: 'z', BOT_ADMIN: 'w', PATH: '/bin', HTTP_PROXY: 'p' })).toEqual([
      'SLACK_TOKEN is not a setting; did you mean SLACK_BOT_TOKEN?',
      'MATRIX_TOKEN is not a setting; did you mean MATRIX_ACCESS_TOKEN?',
      'BBB_SECRETS is not a setting; did you mean BBB_SECRET?',
      'BOT_ADMIN is not a setting; did you mean BOT_ADMINS?',
    ]);
  });
});

describe('URL settings', () => {
  const word = fc.stringMatching(/^[a-z0-9]{1,12}$/);
  it('refuses credentials in BBB_URL, and never repeats them', () => {
    fc.assert(
      fc.property(word, word, fc.constantFrom('http', 'https'), word, (user, pass, scheme, host) => {
        const env = { BBB_URL: `${scheme}://${user}:${pass}@${host}.example.org/bigbluebutton`, BBB_SECRET: 'secret-value' };
        let message = '';
        try {
          loadConfig(env);
        } catch (err) {
          message = (err as ConfigError).message;
        }
        expect(message).toMatch(/^Invalid configuration: BBB_URL: must not contain a user name or password/);
        expect(message).not.toContain(`${user}:${pass}`);
        expect(message).not.toContain('\n');
      }),
      { numRuns: 200 },
    );
  });

  it('accepts http(s) URLs and refuses every other scheme in BBB_URL, PUBLIC_URL and MATRIX_HOMESERVER_URL', () => {
    fc.assert(
      fc.property(fc.constantFrom('ftp', 'ws', 'file', 'mailto', 'javascript'), word, (scheme, host) => {
        for (const key of ['BBB_URL', 'PUBLIC_URL', 'MATRIX_HOMESERVER_URL']) {
          const env = { BBB_SECRET: 's', MATRIX_ACCESS_TOKEN: 't', BBB_URL: 'https://bbb.example.org', PUBLIC_URL: 'https://bot.example.org', MATRIX_HOMESERVER_URL: 'https://m.example.org' };
          expect(() => loadConfig(env)).not.toThrow();
          expect(() => loadConfig({ ...env, [key]: `${scheme}://${host}.example.org` })).toThrow(new RegExp(`^Invalid configuration: ${key}: expected an http`));
          expect(() => loadConfig({ ...env, [key]: `${host}.example.org` })).toThrow(new RegExp(`${key}: expected an http`));
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('the failure line', () => {
  const env = { MATRIX_ACCESS_TOKEN: 'syt_very_secret_token_123' };
  it('prints a response object as its status, never its headers or body', () => {
    const response = { statusCode: 404, body: '<html>404</html>', request: { headers: { Authorization: 'Bearer syt_very_secret_token_123' } } };
    expect(failureLine(response, env)).toBe('bbb-chatops: start-up failed: HTTP 404');
  });
  it('is one line with configured secrets and bearer tokens masked', () => {
    const err = new Error('first\n  at x (y.js:1)\nAuthorization: Bearer abc.def.ghi syt_very_secret_token_123');
    const line = failureLine(err, env);
    expect(line).not.toContain('\n');
    expect(line).not.toContain('syt_very_secret_token_123');
    expect(line).not.toContain('abc.def.ghi');
    expect(failureLine(new ConfigError('HTTP_PORT 80 is already in use'), env)).toBe('bbb-chatops: HTTP_PORT 80 is already in use');
  });
});
