// The parts bbb-chatops calls directly (matrix-bot-sdk uses the rest untyped).
export declare function configureCryptoStore(dir: string, options: { secret: Buffer }): void;
export declare function closeCryptoStore(dir: string): Promise<void>;
export type CryptoStoreState =
  | { state: 'missing' }
  | { state: 'unreadable'; reason: string }
  | { state: 'other-device'; userId: string; deviceId: string }
  | { state: 'ok'; curve25519: string };
export declare function inspectCryptoStore(dir: string, secret: Buffer, userId: string, deviceId: string): CryptoStoreState;
export declare function setAsideCryptoStore(dir: string, why: string): string;
export declare class OlmMachine {
  static initialize(userId: unknown, deviceId: unknown, storePath: string, passphrase?: string, storeType?: number): Promise<OlmMachine>;
  readonly identityKeys: { curve25519: { toBase64(): string }; ed25519: { toBase64(): string } };
  close(): Promise<void>;
}
