// Users' names in the database (issue 14): a known student costs no users.info call, not even after
// a restart; names expire; a workspace admin's record expires as fast as the memory cache did.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webApi } from '@slack/bolt';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createUserDirectory } from '../../adapters/slack/users.ts';
import { Store } from '../../src/store/index.ts';
import { type FakeSlackWebApi, startFakeSlackWebApi } from '../fakes/slack-web-api.ts';

let api: FakeSlackWebApi | undefined;
let dir: string | undefined;
const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) s.close();
  await api?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  api = undefined;
  dir = undefined;
});

async function world(): Promise<{ api: FakeSlackWebApi; client: webApi.WebClient; open: () => Store }> {
  api = await startFakeSlackWebApi();
  api.addUser({ id: 'USAM', name: 'sam', realName: 'Sam Student', displayName: 'sam.s' });
  api.addUser({ id: 'UADA', name: 'ada', realName: 'Ada Admin', isAdmin: true });
  dir = mkdtempSync(join(tmpdir(), 'user-profiles-'));
  const path = join(dir, 'bot.sqlite');
  const client = new webApi.WebClient('xoxb-test', { slackApiUrl: api.apiUrl, retryConfig: { retries: 0 } });
  return { api, client, open: () => stores[stores.push(Store.open(path, { secretKey: 'a'.repeat(64) })) - 1]! };
}

const infoCalls = (a: FakeSlackWebApi, id: string): number => a.callsTo('users.info').filter((c) => c.body['user'] === id).length;

describe('Slack user names kept in the store', () => {
  it('a known user costs no users.info call after a restart', async () => {
    const w = await world();
    const first = createUserDirectory({ client: w.client, adminsFromWorkspace: false, profiles: w.open().userProfiles });
    expect(await first.invocationUser('USAM', 'sam')).toEqual({ id: 'USAM', displayName: 'sam.s', locale: 'en-US', timeZone: 'America/Los_Angeles' });
    stores.pop()!.close(); // the process ends
    const second = createUserDirectory({ client: w.client, adminsFromWorkspace: false, profiles: w.open().userProfiles });
    expect(await second.invocationUser('USAM', 'sam')).toEqual({ id: 'USAM', displayName: 'sam.s', locale: 'en-US', timeZone: 'America/Los_Angeles' }); // the locale and time zone survive the restart too
    expect(await second.lookupUser('USAM')).toEqual({ id: 'USAM', displayName: 'sam.s' });
    expect(infoCalls(w.api, 'USAM')).toBe(1);
  });

  it('a stored name expires after profileTtlMs and is asked again', async () => {
    const w = await world();
    let t = 1_000_000;
    const profiles = w.open().userProfiles;
    const make = () => createUserDirectory({ client: w.client, adminsFromWorkspace: false, profiles, profileTtlMs: 60_000, ttlMs: 1000, now: () => t });
    await make().get('USAM');
    t += 59_000;
    await make().get('USAM');
    expect(infoCalls(w.api, 'USAM')).toBe(1);
    t += 2000;
    await make().get('USAM');
    expect(infoCalls(w.api, 'USAM')).toBe(2);
  });

  it("a workspace admin's record is trusted only as long as the memory cache (ttlMs)", async () => {
    const w = await world();
    let t = 1_000_000;
    const profiles = w.open().userProfiles;
    const make = () => createUserDirectory({ client: w.client, adminsFromWorkspace: true, profiles, ttlMs: 1000, now: () => t });
    expect((await make().invocationUser('UADA', 'ada')).isPlatformAdmin).toBe(true);
    t += 500;
    expect((await make().invocationUser('UADA', 'ada')).isPlatformAdmin).toBe(true);
    expect(infoCalls(w.api, 'UADA')).toBe(1);
    t += 1000;
    await make().invocationUser('UADA', 'ada');
    expect(infoCalls(w.api, 'UADA')).toBe(2);
  });

  it('store: a profile comes back as written until it expires, with any JSON fields', async () => {
    const w = await world();
    const profiles = w.open().userProfiles;
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), fc.dictionary(fc.string(), fc.jsonValue()), fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 1e9 }), (id, name, fields, at, ttl) => {
        const fieldsJson = JSON.parse(JSON.stringify(fields)) as Record<string, unknown>;
        profiles.put('slack', id, { displayName: name, fields: fieldsJson, fetchedAt: at, expiresAt: at + ttl });
        expect(profiles.get('slack', id, at + ttl - 1)).toEqual({ displayName: name, fields: fieldsJson, fetchedAt: at, expiresAt: at + ttl });
        expect(profiles.get('slack', id, at + ttl)).toBeUndefined();
        expect(profiles.get('matrix', id, at)).toBeUndefined();
      }),
      { numRuns: 100 },
    );
    expect(profiles.purgeExpired(Number.MAX_SAFE_INTEGER)).toBeGreaterThan(0);
  });
});
