// The accepted form of BOT_SECRET_KEY and of the key file: 32 random bytes written as 64 hex
// digits or as base64 (standard or URL-safe, padding optional). No imports: config.ts uses it.

export const KEY_FORMAT_HINT = 'expected 32 random bytes as 64 hex digits or base64 (make one with: openssl rand -base64 32)';

export function decodeSecretKey(text: string): Buffer | undefined {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) {
    const key = Buffer.from(t, 'base64');
    return key.length === 32 ? key : undefined;
  }
  return undefined;
}

export function encodeSecretKey(key: Buffer): string {
  return key.toString('base64');
}
