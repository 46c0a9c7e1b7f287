// Never act twice or on the past: the checks applied to every timeline event before it can
// become a command.
import type { KeyValueStore } from '../../src/core/types.ts';

/** Clock skew allowed between the homeserver and the bot when comparing with the start-up time. */
export const PAST_TOLERANCE_MS = 5_000;

export interface MatrixEvent {
  event_id?: unknown;
  sender?: unknown;
  type?: unknown;
  state_key?: unknown;
  origin_server_ts?: unknown;
  content?: Record<string, unknown>;
}

/** Sent before the bot started (commands typed while it was down are not run later). */
export function isFromThePast(ev: MatrixEvent, startedAt: number): boolean {
  return typeof ev.origin_server_ts !== 'number' || ev.origin_server_ts < startedAt - PAST_TOLERANCE_MS;
}

/** An edit (`m.relates_to.rel_type: m.replace`): never run as a new command. */
export function isEdit(content: Record<string, unknown>): boolean {
  const rel = content['m.relates_to'];
  return typeof rel === 'object' && rel !== null && (rel as Record<string, unknown>)['rel_type'] === 'm.replace';
}

/** Bots talk in notices; a notice is never a command (no loops between bots). */
export function isNotice(content: Record<string, unknown>): boolean {
  return content['msgtype'] === 'm.notice';
}

/** The content that counts: for an edit, its `m.new_content` (to catch a secret edited in). */
export function effectiveContent(content: Record<string, unknown>): Record<string, unknown> {
  const nc = content['m.new_content'];
  return isEdit(content) && typeof nc === 'object' && nc !== null ? (nc as Record<string, unknown>) : content;
}

const SEEN_NAMESPACE = 'matrix-seen';
const SEEN_KEY = 'recent';

/**
 * The ids of the last events the bot acted on, bounded, persisted in app.state so that a
 * duplicate delivery (a sync retry, a restart from an older token) does not run a command twice.
 */
export class SeenEvents {
  private readonly ids: string[];
  private readonly set: Set<string>;

  constructor(
    private readonly state: KeyValueStore,
    private readonly max = 500,
  ) {
    this.ids = loadIds(state.get(SEEN_NAMESPACE, SEEN_KEY));
    this.set = new Set(this.ids);
  }

  /** True the first time an id is offered, false for every later delivery. */
  firstTime(eventId: string): boolean {
    if (this.set.has(eventId)) return false;
    this.ids.push(eventId);
    this.set.add(eventId);
    while (this.ids.length > this.max) {
      const old = this.ids.shift();
      if (old !== undefined) this.set.delete(old);
    }
    this.state.set(SEEN_NAMESPACE, SEEN_KEY, JSON.stringify(this.ids));
    return true;
  }
}

function loadIds(raw: string | undefined): string[] {
  if (!raw) return [];
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
