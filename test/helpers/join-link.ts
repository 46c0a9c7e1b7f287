// Personal links are one-time bot links (PUBLIC_URL/j/<token>) when the bot has PUBLIC_URL, and
// signed BBB join URLs otherwise. This opens a bot link once, as a browser would, and returns
// where it redirects: the signed BBB join URL. A BBB URL is returned as it is.
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { Store } from '../../src/store/index.ts';

export async function followJoinLink(url: string): Promise<string> {
  if (!/\/j\/[A-Za-z0-9_-]+$/.test(url)) return url;
  const res = await fetch(url, { redirect: 'manual' });
  await res.arrayBuffer();
  expect(res.status).toBe(302);
  return res.headers.get('location')!;
}

/** The role a link grants, without opening it (a one-time link is looked up in the bot's store). */
export function linkRole(bot: { store: Store }, url: string): string | null {
  const token = /\/j\/([A-Za-z0-9_-]+)$/.exec(url)?.[1];
  if (!token) return new URL(url).searchParams.get('role');
  return bot.store.joinLinks.get(createHash('sha256').update(token).digest('hex'))?.role ?? null;
}
