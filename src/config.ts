// The environment, parsed once at start-up with one zod schema. Errors name the variable.
// Secrets are never printed: describeConfig() masks them.
import { z } from 'zod';
import { decodeSecretKey, KEY_FORMAT_HINT } from './store/key-format.ts';

export const DEFAULT_DB_PATH = './data/bbb-chatops.sqlite';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
const port = z
  .string()
  .regex(/^\d{1,5}$/, 'expected a port number from 0 to 65535')
  .transform(Number)
  .refine((n) => n <= 65535, 'expected a port number from 0 to 65535');

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}
const HTTP_URL = 'expected an http:// or https:// URL, e.g. https://host.example.org';
const httpUrl = z.string().trim().refine(isHttpUrl, HTTP_URL).optional();
const bbbUrl = httpUrl.refine((v) => v === undefined || !isHttpUrl(v) || !/^[a-z]+:\/\/[^/?#]*@/i.test(v), 'must not contain a user name or password (remove "user:pass@"; the shared secret goes in BBB_SECRET)');
const ADMIN_ITEM = /^(console|slack|matrix):.+$/;
const admins = z
  .string()
  .default('')
  .superRefine((value, ctx) => {
    for (const item of value.split(/[\s,]+/).filter(Boolean)) {
      if (!ADMIN_ITEM.test(item)) {
        ctx.addIssue({ code: 'custom', message: `"${item.slice(0, 60)}" needs a platform prefix: slack:U024BE7LH, matrix:@ann:school.edu or console:name` });
      }
    }
  });

export const configSchema = z.object({
  DB_PATH: z.string().default(DEFAULT_DB_PATH),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  BOT_ADMINS: admins,
  BOT_LANGUAGE: z.enum(['en', 'es', 'nl', 'fr']).default('en'),
  BBB_URL: bbbUrl,
  BBB_SECRET: optionalString,
  BBB_CHECKSUM_ALGORITHM: z.enum(['sha1', 'sha256', 'sha384', 'sha512']).default('sha256'),
  BBB_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  BBB_DEFAULT_DURATION_MINUTES: z.coerce.number().int().min(0).max(10_080).default(300),
  BBB_DEV_PORT: port.default(0),
  HTTP_PORT: port.optional(),
  HTTP_HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: httpUrl,
  HTTP_JOIN_LINK_MINUTES: z.coerce.number().int().min(0).max(1440).default(10),
  METRICS_TOKEN: optionalString,
  RECORDING_WATCH_HOURS: z.coerce.number().min(0.1).max(24 * 14).default(48),
  BBB_POLL_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  BOT_TIMEZONE: z
    .string()
    .default('UTC')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'expected an IANA time zone such as Europe/Amsterdam'),
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: optionalString,
  SLACK_ADMINS_FROM_WORKSPACE: bool,
  MATRIX_HOMESERVER_URL: httpUrl,
  MATRIX_ACCESS_TOKEN: optionalString,
  MATRIX_COMMAND_PREFIX: z.string().default('!conference'),
  MATRIX_MODERATORS_ARE_TEACHERS: bool,
  MATRIX_ALLOWED_INVITERS: z.string().default(''),
  MATRIX_STORAGE_PATH: optionalString,
  MATRIX_ENCRYPTION: z.enum(['on', 'off']).default('on'),
  BOT_SECRET_KEY: optionalString.refine((v) => v === undefined || decodeSecretKey(v) !== undefined, KEY_FORMAT_HINT),
});

export type Config = z.infer<typeof configSchema>;

/** Names of config keys whose values are secrets. */
export const SECRET_KEYS = ['BOT_SECRET_KEY', 'BBB_SECRET', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'MATRIX_ACCESS_TOKEN', 'METRICS_TOKEN'] as const;

export class ConfigError extends Error {}

/** The environment without blank values: `HTTP_PORT=` means "not set", as if the line were absent. */
export function withoutBlanks(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v.trim() !== '') out[k] = v;
  return out;
}

/** Parses and checks the environment; a ConfigError's message is one line naming the variables. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(withoutBlanks(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const c = parsed.data;
  const problem = pairingProblem(c);
  if (problem) throw new ConfigError(`Invalid configuration: ${problem}`);
  return c;
}

function pairingProblem(c: Config): string | undefined {
  if ((c.BBB_URL === undefined) !== (c.BBB_SECRET === undefined)) {
    return 'BBB_URL and BBB_SECRET must be set together (the secret is printed by `bbb-conf --secret` on the BBB server).';
  }
  if (!c.SLACK_BOT_TOKEN && (c.SLACK_SIGNING_SECRET || c.SLACK_APP_TOKEN)) {
    return `${c.SLACK_APP_TOKEN ? 'SLACK_APP_TOKEN' : 'SLACK_SIGNING_SECRET'} is set but SLACK_BOT_TOKEN (the bot token, xoxb-…) is not.`;
  }
  if (c.SLACK_BOT_TOKEN && !c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET) {
    return 'SLACK_BOT_TOKEN needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode).';
  }
  if ((c.MATRIX_HOMESERVER_URL === undefined) !== (c.MATRIX_ACCESS_TOKEN === undefined)) {
    return 'MATRIX_HOMESERVER_URL and MATRIX_ACCESS_TOKEN must be set together.';
  }
  return undefined;
}

export function slackEnabled(c: Config): boolean {
  return c.SLACK_BOT_TOKEN !== undefined;
}

export function matrixEnabled(c: Config): boolean {
  return c.MATRIX_ACCESS_TOKEN !== undefined;
}

/** The configuration as text, secrets masked. Safe to log. */
export function describeConfig(c: Config): string {
  return Object.entries(c)
    .map(([k, v]) => `${k}=${(SECRET_KEYS as readonly string[]).includes(k) && v ? '********' : String(v ?? '')}`)
    .join('\n');
}

export function configSecrets(c: Config): string[] {
  return SECRET_KEYS.map((k) => c[k]).filter((v): v is string => typeof v === 'string');
}
