// What the after-the-command services need: the store, BBB, the messengers and a way to see a
// user as the core would when they type a command (for notify-me links).
import type { CommandContext } from '../../commands/context.ts';
import type { Logger } from '../../log.ts';
import type { Store } from '../../store/index.ts';
import type { ConferenceService } from '../conference.ts';
import type { Language } from '../model.ts';
import type { Invocation, Messenger, Platform, Reply } from '../types.ts';
import { assertNoJoinLinkInRoom } from '../types.ts';

export interface AfterDeps {
  store: Store;
  conference: ConferenceService;
  log: Logger;
  language: Language;
  timeZone: string;
  recordingWatchHours: number;
  pollSeconds: number;
  messengers: () => ReadonlyMap<Platform, Messenger>;
  contextFor: (inv: Invocation) => CommandContext;
  now?: () => number;
}

/**
 * Posts a reply in rooms through their platform's messenger; a failing room does not stop the
 * others. Returns the rooms whose messenger gave a reference to the posted message (to edit it later).
 */
export async function postToRooms<R extends { platform: Platform; roomId: string }>(d: AfterDeps, rooms: R[], reply: Reply): Promise<{ room: R; ref: string }[]> {
  assertNoJoinLinkInRoom(reply);
  const messengers = d.messengers();
  const posted: { room: R; ref: string }[] = [];
  for (const room of rooms) {
    const messenger = messengers.get(room.platform);
    if (!messenger) {
      d.log.info('no messenger for the platform of a linked room; message not posted', { platform: room.platform, room: room.roomId });
      continue;
    }
    try {
      const ref = await messenger.sendToRoom(room.roomId, reply);
      if (typeof ref === 'string') posted.push({ room, ref });
    } catch (err) {
      d.log.warn('could not post to a room', { platform: room.platform, room: room.roomId, error: err });
    }
  }
  return posted;
}
