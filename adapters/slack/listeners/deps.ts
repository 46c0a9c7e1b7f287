import type { App } from '../../../src/core/types.ts';
import type { Logger } from '../../../src/log.ts';
import type { Delivery } from '../delivery.ts';
import type { UserDirectory } from '../users.ts';

/** What the Slack listeners need; built once in index.ts. */
export interface ListenerDeps {
  app: App;
  users: UserDirectory;
  delivery: Delivery;
  log: Logger;
  /** After this long without an answer from the core, a command gets "Working on it…". */
  noticeMs: number;
  /** A modal submission is acked with a "Checking…" view if the core takes longer than this. */
  modalRaceMs: number;
}
