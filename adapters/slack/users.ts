// Who is this Slack user? users.info (with their locale), cached in memory (10 minutes by default) and, with a
// profile store, in the database (a day by default), so that a known user costs no users.info
// call, not even after a restart. A workspace admin's record is kept only as long as the memory
// cache: losing admin rights in Slack takes effect as quickly as before.
import type { webApi } from '@slack/bolt';
import type { InvocationUser } from '../../src/core/types.ts';
import type { UserProfileStore } from '../../src/store/user-profiles.ts';
import { slackErrorCode } from './slack-errors.ts';

export interface SlackUser {
  id: string;
  displayName: string;
  isWorkspaceAdmin: boolean;
  /** IETF tag from users.info include_locale, e.g. `es-ES`; absent when Slack does not say. */
  locale?: string;
  /** IANA zone from users.info (`tz`), e.g. `Europe/Madrid`: the times of the attendance chart. */
  timeZone?: string;
}

export interface UserDirectory {
  /** null when Slack says user_not_found; throws on other failures. */
  get(id: string): Promise<SlackUser | null>;
  /** The invoking user; falls back to the name Slack sent with the request if users.info fails. */
  invocationUser(id: string, fallbackName: string): Promise<InvocationUser>;
  /** For Invocation.lookupUser: resolves ids the core parsed from `<@U123|name>` mentions. */
  lookupUser(id: string): Promise<{ id: string; displayName: string } | null>;
}

/** Where profiles outlive the process (Store.userProfiles). */
export type ProfileCache = Pick<UserProfileStore, 'get' | 'put' | 'purgeExpired'>;

interface Entry {
  expires: number;
  value: Promise<SlackUser | null>;
}

const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const PLATFORM = 'slack';

export function createUserDirectory(opts: {
  client: webApi.WebClient;
  adminsFromWorkspace: boolean;
  ttlMs?: number;
  profiles?: ProfileCache;
  /** How long a stored profile (not an admin's) is trusted; default one day. */
  profileTtlMs?: number;
  now?: () => number;
  onError?: (code: string) => void;
}): UserDirectory {
  const ttl = opts.ttlMs ?? 10 * 60_000;
  const profileTtl = opts.profileTtlMs ?? 24 * 3600_000;
  const now = opts.now ?? Date.now;
  const cache = new Map<string, Entry>();
  const profiles = opts.profiles;
  profiles?.purgeExpired(now());

  /** The stored profile, now also in memory; undefined when none or expired. */
  function fromStore(id: string): Promise<SlackUser> | undefined {
    const p = profiles?.get(PLATFORM, id, now());
    if (!p) return undefined;
    const value = Promise.resolve<SlackUser>({ ...p.fields, id, displayName: p.displayName, isWorkspaceAdmin: p.fields['isWorkspaceAdmin'] === true });
    cache.set(id, { expires: Math.min(p.expiresAt, now() + ttl), value });
    return value;
  }

  function save(user: SlackUser): void {
    const { id, displayName, ...fields } = user;
    const at = now();
    try {
      profiles?.put(PLATFORM, id, { displayName, fields, fetchedAt: at, expiresAt: at + (user.isWorkspaceAdmin ? ttl : profileTtl) });
    } catch (err) {
      opts.onError?.(`profile not saved: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async function fetchUser(id: string): Promise<SlackUser | null> {
    try {
      const res = await opts.client.users.info({ user: id, include_locale: true });
      const u = res.user;
      if (!u) return null;
      const p = u.profile;
      const displayName = p?.display_name || p?.real_name || u.real_name || u.name || id;
      const user: SlackUser = { id, displayName, isWorkspaceAdmin: u.is_admin === true || u.is_owner === true };
      if (u.locale) user.locale = u.locale;
      if (u.tz) user.timeZone = u.tz;
      return user;
    } catch (err) {
      if (slackErrorCode(err) === 'user_not_found') return null;
      throw err;
    }
  }

  async function get(id: string): Promise<SlackUser | null> {
    const hit = cache.get(id);
    if (hit && hit.expires > now()) return hit.value;
    const stored = fromStore(id);
    if (stored) return stored;
    const value = fetchUser(id);
    cache.set(id, { expires: now() + ttl, value });
    try {
      const user = await value;
      if (user) save(user);
      return user;
    } catch (err) {
      cache.delete(id); // never cache a failure
      throw err;
    }
  }

  return {
    get,
    async invocationUser(id, fallbackName) {
      let user: SlackUser | null = null;
      try {
        user = await get(id);
      } catch (err) {
        opts.onError?.(slackErrorCode(err));
      }
      const result: InvocationUser = { id, displayName: user?.displayName ?? (fallbackName || id) };
      if (opts.adminsFromWorkspace && user?.isWorkspaceAdmin) result.isPlatformAdmin = true;
      if (user?.locale) result.locale = user.locale;
      if (typeof user?.timeZone === 'string') result.timeZone = user.timeZone;
      return result;
    },
    async lookupUser(id) {
      if (!USER_ID.test(id)) return null;
      const user = await get(id);
      return user ? { id: user.id, displayName: user.displayName } : null;
    },
  };
}
