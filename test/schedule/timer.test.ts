// The scheduler's timer (croner): one tick at the start of every minute, with the time of that
// minute; stopped by the function start() returns.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Scheduler, type SchedulerDeps } from '../../src/core/schedule/scheduler.ts';
import { memoryLogger } from '../../src/log.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('Scheduler.start', () => {
  it('ticks once a minute, on the minute, until stopped', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-01T09:00:30Z') });
    const scheduler = new Scheduler({ log: memoryLogger() } as unknown as SchedulerDeps);
    const ticks: string[] = [];
    scheduler.tick = async (now: number) => void ticks.push(new Date(now).toISOString().slice(11, 19));
    const stop = scheduler.start();
    await vi.advanceTimersByTimeAsync(29_000);
    expect(ticks).toEqual([]);
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(ticks).toEqual(['09:01:00', '09:02:00']);
    stop();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(ticks).toHaveLength(2);
  });
});
