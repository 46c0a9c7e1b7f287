// What every part of the Matrix adapter shares, and the one way it sends an event.
import type { MatrixClient } from 'matrix-bot-sdk';
import type { App } from '../../src/core/types.ts';
import type { Config } from '../../src/config.ts';
import type { Logger } from '../../src/log.ts';
import type { EventContent } from './render.ts';

export interface MatrixContext {
  client: MatrixClient;
  app: App;
  config: Config;
  log: Logger;
  botUserId: string;
  botDisplayName: string | undefined;
  prefix: string;
  /** End-to-end encryption is on: the client reads and writes encrypted rooms. */
  e2ee: boolean;
}

/** The Matrix error code of a failed request (`M_NOT_FOUND`, `M_FORBIDDEN`, …), if any. */
export function errcodeOf(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const rec = e as { errcode?: unknown; body?: { errcode?: unknown } };
  const code = rec.errcode ?? rec.body?.errcode;
  return typeof code === 'string' ? code : undefined;
}

function retryAfterMs(e: unknown): number {
  const rec = e as { retryAfterMs?: unknown; body?: { retry_after_ms?: unknown } };
  const ms = rec.retryAfterMs ?? rec.body?.retry_after_ms;
  return typeof ms === 'number' && ms >= 0 ? Math.min(ms, 10_000) : 1_000;
}

const SEND_ATTEMPTS = 3;

/**
 * Sends an m.room.message. matrix-bot-sdk does not retry a rate-limited request, so this does
 * (M_LIMIT_EXCEEDED, waiting `retry_after_ms`, a few times). Encrypted in an encrypted room when
 * end-to-end encryption is on (matrix-bot-sdk's sendEvent), as is.
 */
export async function sendMessage(ctx: MatrixContext, roomId: string, content: EventContent): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.client.sendEvent(roomId, 'm.room.message', content);
    } catch (e) {
      if (errcodeOf(e) !== 'M_LIMIT_EXCEEDED' || attempt >= SEND_ATTEMPTS) throw e;
      const wait = retryAfterMs(e);
      ctx.log.warn('matrix: rate limited, retrying', { roomId, waitMs: wait, attempt });
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** A short reference for "Something went wrong (ref 4f2c)", also written to the log. */
export function errorRef(): string {
  return Math.floor(Math.random() * 0x10000)
    .toString(16)
    .padStart(4, '0');
}

/** Logs an error without its request details (they may carry message bodies with links). */
export function describeError(e: unknown): Record<string, unknown> {
  const code = errcodeOf(e);
  if (code !== undefined) return { errcode: code, error: String((e as { error?: unknown }).error ?? '') };
  if (e instanceof Error) return { error: e.message, stack: e.stack };
  return { error: String(e) };
}
