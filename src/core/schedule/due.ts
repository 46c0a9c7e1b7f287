// Which timed actions of a slot are due at `now`: pure, so the rules are tested without a clock.
import { AUTO_END_GRACE_MINUTES, type FiringKind, type Occurrence, type ScheduleSettings, type Slot } from './model.ts';
import { occurrences } from './occurrences.ts';

/** Actions older than this are forgotten, not even logged (a long-stopped bot does not replay a day). */
export const LOOKBACK_MS = 86_400_000;

export interface DueAction {
  kind: FiringKind;
  occurrence: Occurrence;
  dueMs: number;
}

export function dueActions(slot: Slot, settings: ScheduleSettings, timeZone: string, nowMs: number): DueAction[] {
  const graceMs = AUTO_END_GRACE_MINUTES * 60_000;
  const from = nowMs - LOOKBACK_MS - slot.minutes * 60_000 - graceMs;
  const to = nowMs + settings.reminderMinutes * 60_000 + 60_000;
  const out: DueAction[] = [];
  for (const o of occurrences(slot, timeZone, from, to)) {
    const candidates: DueAction[] = [];
    if (settings.reminderMinutes > 0) candidates.push({ kind: 'reminder', occurrence: o, dueMs: o.startMs - settings.reminderMinutes * 60_000 });
    if (settings.autoStart) candidates.push({ kind: 'start', occurrence: o, dueMs: o.startMs });
    if (settings.autoEnd) candidates.push({ kind: 'end', occurrence: o, dueMs: o.endMs + graceMs });
    // Nothing due before the slot existed: adding today's class at 09:05 does not "skip" its 08:50 reminder.
    out.push(...candidates.filter((a) => a.dueMs <= nowMs && nowMs - a.dueMs < LOOKBACK_MS && a.dueMs >= slot.createdAt));
  }
  return out;
}
