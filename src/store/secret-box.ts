// Secrets at rest: AES-256-GCM with a random 12-byte IV per value and the setting's name as
// additional authenticated data (a value copied to another name does not open). Stored form:
// "v1:" + base64url(iv | ciphertext | tag). The prefix lets the format evolve (e.g. a key id).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const PREFIX = 'v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A stored value that does not open under this key (wrong key, or the value was altered). */
export class SealedValueError extends Error {}

export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('SecretBox: the key must be 32 bytes');
    this.#key = Buffer.from(key);
  }

  seal(name: string, plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(name, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  open(name: string, sealed: string): string {
    if (!sealed.startsWith(PREFIX)) throw new SealedValueError(`${name}: not a sealed value`);
    const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new SealedValueError(`${name}: sealed value too short`);
    const decipher = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(name, 'utf8'));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SealedValueError(`${name}: does not open with this key`);
    }
  }
}
