// Both children answer the parent's "stats?" over IPC with their own CPU time and peak RSS, so
// every figure is per process (the parent's load generator and fakes are not counted).
export interface ChildStats {
  /** process.cpuUsage(): user + system, microseconds since the child started. */
  cpuMicros: number;
  /** process.resourceUsage().maxRSS: peak resident set, kilobytes. */
  maxRssKb: number;
}

export function answerStats(): void {
  process.on('message', (msg: unknown) => {
    if (msg !== 'stats?') return;
    const cpu = process.cpuUsage();
    const stats: ChildStats = { cpuMicros: cpu.user + cpu.system, maxRssKb: process.resourceUsage().maxRSS };
    process.send?.({ stats });
  });
}

/** Tells the parent the child listens (the parent waits for this before loading it). */
export function ready(port: number): void {
  process.send?.({ ready: port });
}
