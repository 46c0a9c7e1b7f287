// `npx bbb-chatops dev-bbb [--port N] [--secret S]`: run the BBB simulator until Ctrl-C.
import { startDevBbb } from './index.ts';

const USAGE = 'usage: bbb-chatops dev-bbb [--port N] [--secret S]';
const DEFAULT_PORT = 8090;

export function parseDevBbbArgs(argv: string[]): { port: number; secret?: string } {
  let port = DEFAULT_PORT;
  let secret: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i += 1;
    }
    if (flag === '--port') {
      if (value === undefined || !/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new Error(`--port needs a port number\n${USAGE}`);
      port = Number(value);
    } else if (flag === '--secret') {
      if (!value) throw new Error(`--secret needs a value\n${USAGE}`);
      secret = value;
    } else {
      throw new Error(`unknown argument ${arg}\n${USAGE}`);
    }
  }
  return secret === undefined ? { port } : { port, secret };
}

export async function runDevBbb(argv: string[]): Promise<void> {
  const { port, secret } = parseDevBbbArgs(argv);
  const server = await startDevBbb({
    port,
    ...(secret === undefined ? {} : { secret }),
    log: (line) => console.log(`[dev-bbb] ${line}`),
  });
  console.log(`BigBlueButton dev server listening at ${server.url}`);
  console.log(`Shared secret: ${server.secret}`);
  console.log('Point the bot at it with:');
  console.log(`  BBB_URL=${server.url}`);
  console.log(`  BBB_SECRET=${server.secret}`);
  console.log('Press Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  console.log('BigBlueButton dev server stopped.');
}
