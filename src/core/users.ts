// Users named in commands (`teacher add @tina`), per platform.
import type { Platform } from './types.ts';

/** The platform user id a command argument names, or null when it does not look like one. */
export function parseUserMention(platform: Platform, token: string): string | null {
  const t = token.trim();
  switch (platform) {
    case 'slack': {
      // Escaped mention <@U123|name> or <@U123>, or a bare id.
      const m = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(t) ?? /^@?([UW][A-Z0-9]{2,})$/.exec(t);
      return m ? m[1]! : null;
    }
    case 'matrix': {
      const m = /^(@[a-z0-9._=\-/+]+:[A-Za-z0-9.\-:[\]]+)$/.exec(t);
      return m ? m[1]! : null;
    }
    case 'console': {
      const m = /^@?([A-Za-z0-9._-]{1,64})$/.exec(t);
      return m ? m[1]! : null;
    }
  }
}
