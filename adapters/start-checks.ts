// Start-up steps that can fail because of a setting, each turned into a ConfigError whose one
// line names the setting to fix: the database file, listening ports, the chat platforms.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { ConfigError } from '../src/config.ts';
import { Store, type StoreOptions } from '../src/store/index.ts';
import { DatabaseTooNewError } from '../src/store/db.ts';
import { describeFailure } from './startup.ts';

/** Opens the database at DB_PATH, with any failure as advice naming DB_PATH. The bot then uses this store. */
export function openStore(path: string, options: StoreOptions = {}): Store {
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new ConfigError(`DB_PATH ${path} is a directory; point DB_PATH at a file, e.g. ${join(path, 'bbb-chatops.sqlite')}`);
  }
  try {
    return Store.open(path, options);
  } catch (err) {
    if (err instanceof DatabaseTooNewError || err instanceof ConfigError) throw err;
    const why = (err as NodeJS.ErrnoException).code ?? describeFailure(err);
    throw new ConfigError(`DB_PATH ${path}: cannot open the database (${why}); make sure its folder exists or can be created and is writable by this user`);
  }
}

/** server.listen, with "port in use" and friends as advice naming the setting. */
export async function listen(server: Server, port: number, host: string, names: { port: string; host?: string }): Promise<void> {
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    throw listenFailure(err, port, host, names);
  }
}

export function listenFailure(err: unknown, port: number, host: string, names: { port: string; host?: string }): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new ConfigError(`${names.port} ${port} is already in use on ${host}; stop the other program or choose another ${names.port}`);
  if (code === 'EACCES') return new ConfigError(`${names.port} ${port}: permission denied on ${host}; choose a port above 1023`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new ConfigError(`${names.host ?? 'the host'} ${host} is not an address of this machine; use 0.0.0.0, 127.0.0.1 or one of its addresses`);
  }
  return err instanceof Error ? err : new Error(describeFailure(err));
}

/** A chat platform that did not start: what went wrong, and which settings to check. */
export function chatFailure(platform: 'Slack' | 'Matrix', err: unknown): ConfigError {
  const why = describeFailure(err).split('\n')[0]!;
  if (platform === 'Slack') {
    if (why.startsWith('Slack:')) return new ConfigError(why);
    return new ConfigError(`Slack: could not start (${why}); check SLACK_BOT_TOKEN, SLACK_APP_TOKEN and SLACK_API_URL`);
  }
  return new ConfigError(`Matrix: could not sign in (${why}); check MATRIX_HOMESERVER_URL and MATRIX_ACCESS_TOKEN`);
}
