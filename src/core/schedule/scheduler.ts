// The scheduler: once a minute (croner), tick(now) finds the reminders, automatic starts and
// automatic ends that are due, claims each in the store first (one row per slot, occurrence and
// kind: it happens once, even across restarts and several instances), then acts. A reminder or
// start more than LATE_LIMIT_MS late (the bot was down) is claimed as skipped and logged; a start
// that BBB refused is tried again the next minute, within that limit.
import { scopeKey } from '../scope.ts';
import { Cron } from 'croner';
import { autoEnd, autoStart, type SchedulerDeps } from './auto.ts';
import { postReminder } from './announce.ts';
import { dueActions, type DueAction } from './due.ts';
import { LATE_LIMIT_MS, type Slot } from './model.ts';
import { scheduleSubject } from './subject.ts';

export type { SchedulerDeps } from './auto.ts';

export class Scheduler {
  constructor(private readonly d: SchedulerDeps) {}

  /** Ticks at the start of every minute; returns the stopper. */
  start(): () => void {
    const job = new Cron('* * * * *', { protect: true, unref: true }, async () => {
      await this.tick(Date.now()).catch((err: unknown) => this.d.log.error('schedule: tick failed', { error: err }));
    });
    return () => job.stop();
  }

  /** Everything due at `now`; one failing action never stops the others. */
  async tick(now: number): Promise<void> {
    for (const slot of this.d.store.schedules.all()) {
      const settings = this.d.store.schedules.settings(slot.scope);
      const zone = settings.timeZone ?? this.d.timeZone;
      for (const action of dueActions(slot, settings, zone, now)) {
        try {
          await this.act(slot, action, zone, now);
        } catch (err) {
          this.d.log.error(`schedule: ${action.kind} failed`, { scope: scopeKey(slot.scope), slot: slot.id, error: err });
        }
      }
    }
  }

  private async act(slot: Slot, a: DueAction, zone: string, now: number): Promise<void> {
    const { store, log } = this.d;
    const claim = (outcome: string): boolean => store.schedules.claim(slot.id, a.occurrence.startMs, a.kind, outcome, now);
    const subject = scheduleSubject(store, slot.scope);
    if (!subject) return; // the course is gone, or the global conference is off
    const lateMs = now - a.dueMs;
    if (a.kind !== 'end' && lateMs > LATE_LIMIT_MS) {
      const at = new Date(a.occurrence.startMs).toISOString();
      if (claim('skipped-late')) log.warn(`schedule: ${a.kind} skipped, ${Math.round(lateMs / 60_000)} min late (the bot was not running)`, { scope: scopeKey(slot.scope), slot: slot.id, class: at });
      return;
    }
    if (a.kind === 'reminder') {
      if (claim('sent')) await postReminder(this.d, subject, a.occurrence, zone, now);
    } else if (a.kind === 'start') {
      if (!claim('started')) return;
      try {
        await autoStart(this.d, subject, a.occurrence, zone);
      } catch (err) {
        // BBB down or refusing: the next minute tries again, until the start is too late (then skipped, logged).
        store.schedules.release(slot.id, a.occurrence.startMs, 'start');
        throw err;
      }
    } else if (store.meetings.open(slot.scope) === undefined) {
      claim('not-running');
    } else if (claim('ending')) {
      await autoEnd(this.d, subject, a.occurrence, zone);
    }
  }
}
