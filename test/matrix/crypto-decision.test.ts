// When the bot may use its crypto store at start-up (adapters/matrix/crypto-decision.ts): never
// a store whose keys differ from the homeserver's for the device, never a new account for a
// device the homeserver already has keys for (others would keep encrypting to the old keys),
// and an unusable file is kept aside rather than overwritten.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CryptoStoreState } from '@matrix-org/matrix-sdk-crypto-nodejs';
import { decideStore } from '../../adapters/matrix/crypto-decision.ts';

const key = fc.constantFrom('keyA', 'keyB');
const state: fc.Arbitrary<CryptoStoreState> = fc.oneof(
  fc.constant({ state: 'missing' as const }),
  fc.constant({ state: 'unreadable' as const, reason: 'bad tag' }),
  fc.constant({ state: 'other-device' as const, userId: '@bot:hs', deviceId: 'OLD' }),
  key.map((curve25519) => ({ state: 'ok' as const, curve25519 })),
);

describe('matrix crypto store decision at start-up', () => {
  it('uses the store exactly when it is this device\'s and agrees with the homeserver', () => {
    fc.assert(
      fc.property(state, fc.option(key, { nil: undefined }), (found, server) => {
        const d = decideStore(found, 'DEV', server);
        const agrees = found.state === 'ok' && (server === undefined || server === found.curve25519);
        expect(d.use === 'store').toBe(agrees);
        if (server !== undefined && !agrees) expect(d.use).toBe('none'); // never a second identity for one device
        if (d.use === 'new') expect(d.setAside !== undefined).toBe(found.state !== 'missing'); // never overwrite a file
        if (d.use === 'none') expect(d.reason).toContain('DEV');
      }),
    );
  });

  it('says why in words an operator can act on', () => {
    expect(decideStore({ state: 'missing' }, 'DEV', 'keyA')).toEqual({
      use: 'none',
      reason: 'the crypto store is missing but device DEV already has keys on the homeserver, so its keys are lost',
    });
    expect(decideStore({ state: 'unreadable', reason: 'bad tag' }, 'DEV', undefined)).toEqual({ use: 'new', setAside: 'unreadable', note: 'bad tag' });
    expect(decideStore({ state: 'other-device', userId: '@b:hs', deviceId: 'OLD' }, 'DEV', undefined)).toEqual({
      use: 'new', setAside: 'replaced', note: 'it was for device OLD',
    });
  });
});
