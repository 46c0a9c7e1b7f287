// Is BigBlueButton reachable? Asked at most once per `ttlMs` per server, whatever the traffic on
// /readyz: callers within the window get the cached answer, concurrent callers share one call.
import type { ConferenceService } from '../../src/core/conference.ts';
import { NoServerError } from '../../src/core/errors.ts';

export type BbbState = 'ok' | 'unreachable' | 'not-configured';

export const PROBE_TTL_MS = 15_000;

export function cachedBbbProbe(conference: ConferenceService, ttlMs = PROBE_TTL_MS, now: () => number = Date.now): () => Promise<BbbState> {
  let cached: { key: string; at: number; state: Promise<BbbState> } | undefined;
  const probe = async (): Promise<BbbState> => {
    try {
      await conference.api().version();
      return 'ok';
    } catch (err) {
      return err instanceof NoServerError ? 'not-configured' : 'unreachable';
    }
  };
  return () => {
    const key = conference.server()?.url ?? ''; // `config server` changes the server: ask the new one
    if (cached && cached.key === key && now() - cached.at < ttlMs) return cached.state;
    const state = probe();
    cached = { key, at: now(), state };
    // The window starts when the answer is in, so a slow probe is not repeated right after.
    void state.then(() => {
      if (cached?.state === state) cached.at = now();
    });
    return state;
  };
}
