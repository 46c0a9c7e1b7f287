// The scheduler's per-minute cost: tick() over 200 courses with a weekly slot each (four zones,
// auto-start and auto-end on), at a time when nothing is due. Run: npx tsx bench/schedule-tick.ts
import { Store } from '../src/store/index.ts';
import { Scheduler, type SchedulerDeps } from '../src/core/schedule/scheduler.ts';
import { memoryLogger } from '../src/log.ts';
import { courseScope } from '../src/core/scope.ts';

const SLOTS = 200;
const store = Store.open(':memory:');
const zones = ['Europe/Madrid', 'America/New_York', 'UTC', 'Asia/Kolkata'];
for (let i = 0; i < SLOTS; i++) {
  const code = `C${i}`;
  store.courses.ensure(code, code);
  store.schedules.setSettings(courseScope(code), { timeZone: zones[i % zones.length]!, autoStart: true, autoEnd: true });
  store.schedules.add(courseScope(code), { days: [1, 3], date: null, time: `${String(8 + (i % 10)).padStart(2, '0')}:00`, minutes: 90 }, 0);
}
// Nothing is due, so only the store, the log and the zone are used.
const scheduler = new Scheduler({ store, log: memoryLogger(), timeZone: 'UTC', messengers: () => new Map() } as unknown as SchedulerDeps);
const night = Date.parse('2026-12-02T03:00Z'); // a Wednesday night
for (let i = 0; i < 5; i++) await scheduler.tick(night); // warm-up
const runs = 50;
const started = performance.now();
for (let i = 0; i < runs; i++) await scheduler.tick(night + i * 1000);
console.log(`tick over ${SLOTS} slots, nothing due: ${((performance.now() - started) / runs).toFixed(1)} ms`);
store.close();
