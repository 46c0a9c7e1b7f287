// Start-up steps that fail because of a setting: each becomes a ConfigError naming the setting.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chatFailure, listen, openStore } from '../../adapters/start-checks.ts';
import { ConfigError } from '../../src/config.ts';

const dir = mkdtempSync(join(tmpdir(), 'start-checks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('start-up checks', () => {
  it('names DB_PATH when it is a directory or cannot be created', () => {
    expect(() => openStore(dir)).toThrow(/^DB_PATH .* is a directory; point DB_PATH at a file/);
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    expect(() => openStore(join(file, 'bot.sqlite'))).toThrow(/^DB_PATH .*: cannot open the database \((ENOTDIR|EEXIST)\); make sure its folder/);
    const store = openStore(join(dir, 'ok', 'bot.sqlite'));
    expect(store.settings.server()).toBeUndefined(); // a fresh database, no saved server
    store.close();
  });

  it('names the port setting when the port is taken', async () => {
    const first = createServer();
    await listen(first, 0, '127.0.0.1', { port: 'HTTP_PORT' });
    const port = (first.address() as AddressInfo).port;
    const second = createServer();
    const err = await listen(second, port, '127.0.0.1', { port: 'BBB_DEV_PORT' }).catch((e: unknown) => e);
    first.close();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe(`BBB_DEV_PORT ${port} is already in use on 127.0.0.1; stop the other program or choose another BBB_DEV_PORT`);
  });

  it('says which chat settings to check, never the failure object', () => {
    const response = { statusCode: 401, body: { errcode: 'M_UNKNOWN_TOKEN' }, headers: { authorization: 'Bearer syt_x' } };
    expect(chatFailure('Matrix', response).message).toBe('Matrix: could not sign in (HTTP 401 M_UNKNOWN_TOKEN); check MATRIX_HOMESERVER_URL and MATRIX_ACCESS_TOKEN');
    expect(chatFailure('Slack', new Error('An API error occurred: not_authed')).message).toMatch(/^Slack: could not start \(An API error occurred: not_authed\); check SLACK_BOT_TOKEN/);
  });
});
