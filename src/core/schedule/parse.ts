// `config schedule add <days|date> <HH:MM> <duration>`: the words to a slot, or every problem
// found, each naming the word that is wrong (the command turns them into one clear message).
import { Temporal } from 'temporal-polyfill';
import type { SlotSpec } from './model.ts';

const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MIN_MINUTES = 5;
const MAX_MINUTES = 8 * 60;

export type Problem = { part: 'day' | 'time' | 'duration'; word: string } | { part: 'count' };

export type ParsedSlot = { ok: true; spec: SlotSpec } | { ok: false; problems: Problem[] };

export function parseSlot(words: string[]): ParsedSlot {
  if (words.length !== 3) return { ok: false, problems: [{ part: 'count' }] };
  const [when, time, duration] = words as [string, string, string];
  const problems: Problem[] = [];
  const day = parseWhen(when);
  const hhmm = parseTime(time);
  const minutes = parseDuration(duration);
  if (!day) problems.push({ part: 'day', word: when });
  if (!hhmm) problems.push({ part: 'time', word: time });
  if (minutes === undefined) problems.push({ part: 'duration', word: duration });
  if (!day || !hhmm || minutes === undefined) return { ok: false, problems };
  return { ok: true, spec: { ...day, time: hhmm, minutes } };
}

/** `mon,wed`, `mon-fri`, `monday`, or a date `2026-12-14`. */
function parseWhen(word: string): Pick<SlotSpec, 'days' | 'date'> | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(word)) {
    try {
      return { days: [], date: Temporal.PlainDate.from(word, { overflow: 'reject' }).toString() };
    } catch {
      return undefined;
    }
  }
  const days = new Set<number>();
  for (const part of word.toLowerCase().split(',')) {
    const range = part.split('-');
    const ends = range.map(dayNumber);
    if (ends.length > 2 || ends.some((d) => d === undefined)) return undefined;
    const [from, to = from] = ends as number[];
    for (let d = from!; ; d = (d % 7) + 1) {
      days.add(d);
      if (d === to) break;
    }
  }
  return { days: [...days].sort((a, b) => a - b), date: null };
}

function dayNumber(word: string): number | undefined {
  const i = DAY_NAMES.findIndex((name) => word.length >= 3 && name.startsWith(word));
  return i < 0 ? undefined : i + 1;
}

/** `9:00`, `09:00` … `23:59`, as HH:MM. */
function parseTime(word: string): string | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(word);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return undefined;
  return `${m[1]!.padStart(2, '0')}:${m[2]}`;
}

/** `90m`, `1h`, `1h30m`, `90` (minutes), from MIN_MINUTES to MAX_MINUTES. */
function parseDuration(word: string): number | undefined {
  const m = /^(?:(\d{1,2})h)?(?:(\d{1,3})m?)?$/i.exec(word);
  if (!m || (m[1] === undefined && m[2] === undefined)) return undefined;
  const minutes = Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
  return minutes >= MIN_MINUTES && minutes <= MAX_MINUTES ? minutes : undefined;
}
