// `bbb-chatops [console [--script FILE] [--json] | dev-bbb [--port N] [--secret S] | help]`
import { ConfigError } from '../src/config.ts';
import { DatabaseTooNewError } from '../src/store/db.ts';

const USAGE = `usage:
  bbb-chatops                      run the bot (Slack/Matrix when configured, else the terminal)
  bbb-chatops console [--script FILE] [--json]
                                   the terminal adapter; with --json one JSON object per reply;
                                   script lines are "USER ROOM /conference …" (stdin without --script)
  bbb-chatops dev-bbb [--port N] [--secret S]
                                   run the BigBlueButton dev server alone
  bbb-chatops backup FILE [--force]  copy the database (DB_PATH) to FILE, also while the bot runs`;

async function main(argv: string[]): Promise<void> {
  const [cmd, ...rest] = argv;
  if (cmd === 'dev-bbb') {
    const { runDevBbb } = await import('../src/bbb/dev-server/cli.ts');
    return runDevBbb(rest);
  }
  if (cmd === 'backup') return (await import('./backup.ts')).runBackup(rest, process.env);
  if (cmd === 'help' || cmd === '--help' || cmd === '-h') {
    console.log(USAGE);
    return;
  }
  const { run } = await import('./main.ts');
  if (cmd === 'console') {
    let script: string | undefined;
    let json = false;
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === '--json') json = true;
      else if (rest[i] === '--script' && rest[i + 1]) script = rest[++i];
      else throw new ConfigError(`unknown argument ${rest[i]}\n${USAGE}`);
    }
    return run({ console: { script, json } });
  }
  if (cmd !== undefined) throw new ConfigError(`unknown command ${cmd}\n${USAGE}`);
  return run();
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof DatabaseTooNewError) console.error(err.message);
    else console.error(err);
    process.exit(1);
  },
);
