// One queue per room: events of a room are handled in order, one at a time (the SDK emits them
// without waiting for handlers); rooms do not wait for each other.
export class RoomQueues {
  private readonly tails = new Map<string, Promise<void>>();

  run(key: string, task: () => Promise<void>, onError: (e: unknown) => void): void {
    const next = (this.tails.get(key) ?? Promise.resolve()).then(task).catch(onError);
    this.tails.set(key, next);
    void next.then(() => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
  }

  /** Resolves when every queued task has finished. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}
