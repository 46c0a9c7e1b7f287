// Issue 9 item 6: the BBB secret and the instance key are sealed (AES-256-GCM) under a key that
// is not in the database; a wrong or missing key stops start-up and changes nothing.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/index.ts';
import { SecretBox } from '../../src/store/secret-box.ts';
import { SecretKeyError } from '../../src/store/secret-key.ts';
import { ConfigError, describeConfig, loadConfig } from '../../src/config.ts';
import { rawBytes, settingValue, tempDir } from './helpers.ts';

const SECRET = 'Sup3rS3cretBbbSharedKey-0123456789';
const server = { url: 'https://bbb.example.org/bigbluebutton/api', secret: SECRET };
let t: ReturnType<typeof tempDir>;
let path: string;
beforeEach(() => {
  t = tempDir();
  path = join(t.dir, 'bot.sqlite');
});
afterEach(() => t.remove());

describe('secrets at rest', () => {
  it('keeps no plain-text secret in the database file or its WAL', () => {
    const s = Store.open(path);
    s.settings.setServer(server);
    const instance = s.settings.instanceKey();
    expect(rawBytes(path).includes(SECRET)).toBe(false); // while open: the WAL too
    s.close();
    const bytes = rawBytes(path);
    expect(bytes.includes(SECRET)).toBe(false);
    expect(bytes.includes(instance)).toBe(false);
    expect(settingValue(path, 'bbb.secret')).toMatch(/^v1:[A-Za-z0-9_-]+$/);
  });

  it('reads back what it stored, across a reopen, with the key file it made at first start', () => {
    const s1 = Store.open(path);
    s1.settings.setServer(server);
    const instance = s1.settings.instanceKey();
    s1.close();
    expect(existsSync(join(t.dir, 'secret.key'))).toBe(true);
    const s2 = Store.open(path);
    expect(s2.settings.server()).toEqual(server);
    expect(s2.settings.instanceKey()).toBe(instance);
    s2.close();
  });

  it('uses BOT_SECRET_KEY (hex or base64) instead of a key file', () => {
    const key = randomBytes(32);
    const s1 = Store.open(path, { secretKey: key.toString('hex') });
    s1.settings.setServer(server);
    s1.close();
    expect(existsSync(join(t.dir, 'secret.key'))).toBe(false);
    const s2 = Store.open(path, { secretKey: key.toString('base64') });
    expect(s2.settings.server()?.secret).toBe(SECRET);
    s2.close();
  });

  it('a wrong BOT_SECRET_KEY is a one-line start-up error naming it, and the stored secret stays as it was', () => {
    const right = randomBytes(32).toString('base64');
    const s = Store.open(path, { secretKey: right });
    s.settings.setServer(server);
    s.close();
    const before = settingValue(path, 'bbb.secret');
    const wrong = randomBytes(32).toString('base64');
    expect(() => Store.open(path, { secretKey: wrong })).toThrow(SecretKeyError);
    expect(() => Store.open(path, { secretKey: wrong })).toThrow(/^The stored secrets do not open with BOT_SECRET_KEY: .*Nothing was changed\.$/);
    expect(() => Store.open(path)).toThrow(SecretKeyError); // nor with a new key file
    expect(settingValue(path, 'bbb.secret')).toBe(before);
    const again = Store.open(path, { secretKey: right });
    expect(again.settings.server()?.secret).toBe(SECRET);
    again.close();
  });

  it('a missing or replaced key file is an error naming the file; no new key is made over sealed secrets', () => {
    const s = Store.open(path);
    s.settings.setServer(server);
    s.close();
    const keyFile = join(t.dir, 'secret.key');
    const original = readFileSync(keyFile, 'utf8');
    rmSync(keyFile);
    expect(() => Store.open(path)).toThrow(/key file .*secret\.key is missing: restore it, or set BOT_SECRET_KEY/);
    expect(existsSync(keyFile)).toBe(false);
    writeFileSync(keyFile, randomBytes(32).toString('base64'));
    expect(() => Store.open(path)).toThrow(/do not open with the key file .*secret\.key/);
    writeFileSync(keyFile, 'not a key');
    expect(() => Store.open(path)).toThrow(/secret\.key does not hold a valid key/);
    writeFileSync(keyFile, original);
    const again = Store.open(path);
    expect(again.settings.server()?.secret).toBe(SECRET);
    again.close();
  });

  it('a stored value copied under another setting name does not open (the name is authenticated)', () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = box.seal('bbb.secret', SECRET);
    expect(box.open('bbb.secret', sealed)).toBe(SECRET);
    expect(() => box.open('instance.key', sealed)).toThrow();
    const flipped = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'B' : 'A') + sealed.slice(-1);
    expect(() => box.open('bbb.secret', flipped)).toThrow();
  });

  it('any secret round-trips through the store and is not in the stored value (property)', () => {
    const s = Store.open(':memory:');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }), (secret) => {
        s.settings.setServer({ url: server.url, secret });
        expect(s.settings.server()?.secret).toBe(secret);
        const stored = (s.db.prepare("SELECT value FROM settings WHERE key = 'bbb.secret'").get() as { value: string }).value;
        expect(stored.startsWith('v1:')).toBe(true);
        if (secret.length >= 8) expect(stored.includes(secret)).toBe(false);
      }),
      { numRuns: 300 },
    );
    s.close();
  });
});

describe('BOT_SECRET_KEY in the configuration', () => {
  it('accepts 64 hex digits or base64 of 32 bytes, refuses anything else naming the variable, and masks it', () => {
    const hex = randomBytes(32).toString('hex');
    expect(loadConfig({ BOT_SECRET_KEY: hex }).BOT_SECRET_KEY).toBe(hex);
    expect(loadConfig({ BOT_SECRET_KEY: randomBytes(32).toString('base64url') }).BOT_SECRET_KEY).toBeDefined();
    for (const bad of ['short', randomBytes(16).toString('hex'), randomBytes(31).toString('base64'), 'x'.repeat(64)]) {
      expect(() => loadConfig({ BOT_SECRET_KEY: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ BOT_SECRET_KEY: bad }), bad).toThrow(/BOT_SECRET_KEY: expected 32 random bytes/);
    }
    expect(describeConfig(loadConfig({ BOT_SECRET_KEY: hex }))).not.toContain(hex);
  });
});
