// Issue 9 item 6: the data folder is 0700 and the database, its WAL/SHM, the key file, backups and
// written reports are 0600, whatever the umask (the test runs with umask 000).
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/index.ts';
import { FileExistsError, publishPrivateFileSync, writePrivateFile } from '../../src/store/private-files.ts';
import { mode, tempDir } from './helpers.ts';

let t: ReturnType<typeof tempDir>;
let umask: number;
beforeEach(() => {
  t = tempDir();
  umask = process.umask(0o000);
});
afterEach(() => {
  process.umask(umask);
  t.remove();
});

describe('file modes', () => {
  it('creates the data folder 0700 and the database, WAL, SHM and key file 0600', () => {
    const data = join(t.dir, 'var', 'data');
    const path = join(data, 'bot.sqlite');
    const s = Store.open(path);
    s.settings.setServer({ url: 'https://bbb.example.org/bigbluebutton/api', secret: 'abcd1234' });
    expect(mode(data)).toBe('700');
    for (const f of [path, `${path}-wal`, `${path}-shm`, join(data, 'secret.key')]) expect(mode(f), f).toBe('600');
    s.close();
  });

  it('makes an existing database and key file 0600, and warns about a data folder open to others', () => {
    const data = join(t.dir, 'data');
    mkdirSync(data, { mode: 0o755 });
    chmodSync(data, 0o755);
    const path = join(data, 'bot.sqlite');
    Store.open(path).close();
    chmodSync(path, 0o644);
    chmodSync(join(data, 'secret.key'), 0o644);
    const warnings: string[] = [];
    Store.open(path, { log: { info: () => {}, warn: (m) => void warnings.push(m) } }).close();
    expect(mode(path)).toBe('600');
    expect(mode(join(data, 'secret.key'))).toBe('600');
    expect(warnings).toEqual([`The data folder ${data} is open to other users (mode 755): run chmod 700 on it`]);
  });

  it('writes a report file 0600, also over an existing world-readable file', () => {
    const file = join(t.dir, 'attendance.csv');
    writeFileSync(file, 'old');
    chmodSync(file, 0o644);
    writePrivateFile(file, 'name,role\n');
    expect(mode(file)).toBe('600');
  });
});

describe('DB_PATH', () => {
  it('naming a folder is a one-line error naming DB_PATH, and the folder keeps its mode', () => {
    const folder = join(t.dir, 'data');
    mkdirSync(folder);
    chmodSync(folder, 0o755);
    expect(() => Store.open(folder)).toThrow(/^DB_PATH .*data is a folder: set DB_PATH to a file in it/);
    expect(mode(folder)).toBe('755');
  });
});

describe('publishing a private file', () => {
  it('never replaces an existing file (instances racing at first start keep the one key file) and leaves no temporary file', () => {
    const target = join(t.dir, 'secret.key');
    publishPrivateFileSync(target, (tmp) => writePrivateFile(tmp, 'first'));
    expect(() => publishPrivateFileSync(target, (tmp) => writePrivateFile(tmp, 'second'))).toThrow(FileExistsError);
    expect(readFileSync(target, 'utf8')).toBe('first');
    expect(mode(target)).toBe('600');
    expect(readdirSync(t.dir)).toEqual(['secret.key']);
  });
});
