// The command line: `bbb-chatops [run] | console | dev-bbb | help`, parsed with node:util parseArgs.
// A subcommand is one entry in SUBCOMMANDS. Every failure ends as ONE redacted line on stderr, exit 1.
import { accessSync, constants } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '../src/config.ts';
import { environment, failureLine, version } from './startup.ts';
import { BACKUP_USAGE, runBackup } from './backup.ts';

type Env = Record<string, string | undefined>;

interface Subcommand {
  usage: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  run?(values: Record<string, string | boolean | undefined>, env: Env): Promise<void>;
  /** Parses its own arguments (positionals included) instead of the shared parseArgs. */
  raw?(args: string[], env: Env): Promise<void>;
}

const SUBCOMMANDS: Record<string, Subcommand> = {
  run: {
    usage: 'bbb-chatops [run]                run the bot on Slack and/or Matrix (on a terminal with no chat settings: the console demo)',
    async run(_values, env) {
      const { run } = await import('./main.ts');
      return run({ env });
    },
  },
  console: {
    usage: 'bbb-chatops console [--script FILE] [--json]\n' +
      '                                 the terminal adapter; with --json one JSON object per reply;\n' +
      '                                 script lines are "USER ROOM /conference …" (stdin without --script)',
    options: { script: { type: 'string' }, json: { type: 'boolean' } },
    async run(values, env) {
      const script = typeof values['script'] === 'string' ? values['script'] : undefined;
      if (script !== undefined) readable(script, 'console --script');
      const { run } = await import('./main.ts');
      return run({ env, console: { script, json: values['json'] === true } });
    },
  },
  backup: {
    usage: BACKUP_USAGE,
    raw: async (args, env) => runBackup(args, env),
  },
  'dev-bbb': {
    usage: 'bbb-chatops dev-bbb [--port N] [--secret S]\n                                 run the BigBlueButton dev server alone',
    options: { port: { type: 'string' }, secret: { type: 'string' } },
    async run(values) {
      const { parseDevBbbArgs, runDevBbb } = await import('../src/bbb/dev-server/cli.ts');
      const argv = Object.entries(values).flatMap(([k, v]) => (typeof v === 'string' ? [`--${k}`, v] : []));
      try {
        parseDevBbbArgs(argv);
      } catch (err) {
        throw new ConfigError(`dev-bbb: ${(err as Error).message.split('\n')[0]}`);
      }
      return runDevBbb(argv);
    },
  },
};

export function usage(): string {
  return ['usage:', ...Object.values(SUBCOMMANDS).map((s) => '  ' + s.usage), '  bbb-chatops --help | --version'].join('\n');
}

function readable(file: string, what: string): void {
  try {
    accessSync(file, constants.R_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(`${what} ${file}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code})`}`);
  }
}

export async function main(argv: string[], env: Env): Promise<void> {
  const first = argv[0];
  if (first === '--help' || first === '-h' || first === 'help') return void console.log(usage());
  if (first === '--version' || first === '-v') return void console.log(version());
  const name = first === undefined || first.startsWith('-') ? 'run' : first;
  const sub = SUBCOMMANDS[name];
  if (!sub) throw new ConfigError(`unknown command "${name}" (see bbb-chatops --help)`);
  const args = name === first ? argv.slice(1) : argv;
  if (sub.raw) return sub.raw(args, env);
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args, options: { ...sub.options, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (err) {
    throw new ConfigError(`${name}: ${(err as Error).message.split('\n')[0]} (see bbb-chatops --help)`);
  }
  if (values['help']) return void console.log(usage());
  return sub.run?.(values, env);
}

let env: Env = process.env;
try {
  env = environment(process.cwd());
  await main(process.argv.slice(2), env);
  process.exit(0);
} catch (err) {
  process.stderr.write(failureLine(err, env) + '\n');
  process.exit(1);
}
