// What the tests can do to incoming API traffic: count it, slow it down, break it.

export type FaultKind = 'http500' | 'timeout' | 'html' | 'refuse';

export interface FaultSpec {
  kind: FaultKind;
  /** API call names ('create', 'join', ..., 'version' for the root); all calls if omitted. */
  calls?: string[];
  /** How many matching calls to break; default Infinity. */
  times?: number;
}

interface ActiveFault {
  kind: FaultKind;
  calls: ReadonlySet<string> | undefined;
  remaining: number;
}

export class Traffic {
  latencyMs = 0;
  private readonly counts = new Map<string, number>();
  private faults: ActiveFault[] = [];

  count(call: string): void {
    this.counts.set(call, (this.counts.get(call) ?? 0) + 1);
  }

  callCounts(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  resetCallCounts(): void {
    this.counts.clear();
  }

  addFault(f: FaultSpec): void {
    const times = f.times ?? Number.POSITIVE_INFINITY;
    if (!(times > 0)) throw new RangeError('injectFault: times must be positive');
    this.faults.push({ kind: f.kind, calls: f.calls ? new Set(f.calls) : undefined, remaining: times });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** The fault to apply to this call, if any (consumes one use). */
  takeFault(call: string): FaultKind | undefined {
    const fault = this.faults.find((f) => f.remaining > 0 && (!f.calls || f.calls.has(call)));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
    return fault.kind;
  }
}
