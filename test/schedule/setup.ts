// A scheduled classroom for the scheduler tests: MATH101 linked to #general on the console,
// tina teaches, with slots stored directly (created "long ago", so every test time counts).
import type { Classroom } from '../after/setup.ts';
import type { ConsoleLine } from '../../adapters/console/render.ts';
import type { SlotSpec } from '../../src/core/schedule/model.ts';
import { courseScope } from '../../src/core/scope.ts';

export const MIN = 60_000;

/** A weekly (or one-off) slot of MATH101 in the whole course. */
export function addSlot(c: Classroom, spec: Partial<SlotSpec>): number {
  return c.bot.store.schedules.add(courseScope('MATH101'), { days: [], date: null, time: '09:00', minutes: 60, ...spec }, 0).id;
}

/** The console lines a tick at `at` (ISO or ms) printed. */
export async function tickAt(c: Classroom, at: string | number): Promise<ConsoleLine[]> {
  const from = c.d.all.length;
  await c.bot.scheduler.tick(typeof at === 'number' ? at : Date.parse(at));
  await c.bot.after.idle();
  return c.d.all.slice(from);
}

export const REMINDER = /^Algebra \(MATH101\) starts at /;
