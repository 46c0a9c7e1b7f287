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

const LEGACY_NAMESPACE = 'matrix-seen';
const LEGACY_KEY = 'recent';
const SEEN_NAMESPACE = 'matrix-seen-ring';

/**
 * The ids of the last events the bot acted on, bounded, persisted in app.state so that a
 * duplicate delivery (a sync retry, a restart from an older token) does not run a command twice.
 * Each id is written, before the command runs, to one of `max` slots in turn (`<seq> <id>` in
 * slot seq % max), so remembering one costs one small row (issue 14: the whole list of 500 was
 * rewritten per event). The slots hold exactly the last `max` ids, as the list did.
 */
export class SeenEvents {
  private readonly set = new Set<string>();
  /** Ids by sequence number, oldest first. */
  private readonly ids: string[] = [];
  private next = 0;

  constructor(
    private readonly state: KeyValueStore,
    private readonly max = 500,
  ) {
    const slots: { seq: number; id: string }[] = [];
    for (let i = 0; i < max; i++) {
      const m = /^(\d+) (.+)$/s.exec(state.get(SEEN_NAMESPACE, String(i)) ?? '');
      if (m) slots.push({ seq: Number(m[1]), id: m[2]! });
    }
    slots.sort((a, b) => a.seq - b.seq);
    this.next = slots.length ? slots[slots.length - 1]!.seq + 1 : 0;
    for (const s of slots) this.remember(s.id);
    // The list an older release kept: its ids move to the slots once.
    const legacy = state.get(LEGACY_NAMESPACE, LEGACY_KEY);
    if (legacy !== undefined) {
      for (const id of loadIds(legacy)) this.firstTime(id);
      state.delete(LEGACY_NAMESPACE, LEGACY_KEY);
    }
  }

  /** True the first time an id is offered, false for every later delivery. */
  firstTime(eventId: string): boolean {
    if (this.set.has(eventId)) return false;
    const seq = this.next++;
    this.state.set(SEEN_NAMESPACE, String(seq % this.max), `${seq} ${eventId}`);
    this.remember(eventId);
    return true;
  }

  private remember(eventId: string): void {
    this.ids.push(eventId);
    this.set.add(eventId);
    while (this.ids.length > this.max) this.set.delete(this.ids.shift()!);
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
