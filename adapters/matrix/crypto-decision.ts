// Whether the bot may use its crypto store at start-up. The device is the access token's (a bot
// cannot make itself a new device without logging in again), so a store that does not hold the
// keys the homeserver has for that device can never be made to work: encryption stays off,
// said in one log line, and the bot keeps running (no crash loop). A new access token is a new
// device and starts a new store by itself.
import type { CryptoStoreState } from '@matrix-org/matrix-sdk-crypto-nodejs';

export type StoreDecision =
  | { use: 'store' }
  | { use: 'new'; setAside?: 'unreadable' | 'replaced'; note?: string }
  | { use: 'none'; reason: string };

/** `serverKey`: the curve25519 identity key the homeserver holds for the device, if any. */
export function decideStore(found: CryptoStoreState, deviceId: string, serverKey: string | undefined): StoreDecision {
  if (found.state === 'ok') {
    if (serverKey === undefined || serverKey === found.curve25519) return { use: 'store' };
    return { use: 'none', reason: `the homeserver holds other keys for device ${deviceId} than the crypto store (an old copy of the store?)` };
  }
  if (serverKey !== undefined) {
    const what = found.state === 'missing' ? 'missing' : found.state === 'unreadable' ? `unreadable (${found.reason})` : `for device ${found.deviceId}`;
    return { use: 'none', reason: `the crypto store is ${what} but device ${deviceId} already has keys on the homeserver, so its keys are lost` };
  }
  if (found.state === 'missing') return { use: 'new' };
  if (found.state === 'unreadable') return { use: 'new', setAside: 'unreadable', note: found.reason };
  return { use: 'new', setAside: 'replaced', note: `it was for device ${found.deviceId}` };
}
