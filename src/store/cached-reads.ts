// Point reads that every command makes (the room's link, the course, the caller's roles and
// language, the open meeting) kept in memory, and dropped the moment they may be stale:
// - any write of this connection to a table they read, or to a table whose rows cascade into
//   those (a deleted course deletes its room links): see `Freshness.wrote`;
// - any commit by another connection (another bot process, a second Store on the same file):
//   SQLite's `PRAGMA data_version` changes then. It is asked at most once per synchronous stretch
//   of code (until the next microtask) and again after any write in this process: a commit by
//   another process that lands meanwhile is, for this process, no different from one that lands
//   a moment later.
// Nothing is cached inside a transaction (its writes may still be rolled back).
import type Database from 'better-sqlite3';

type Db = Database.Database;

/** Tables whose rows the caches hold. A write to one of them, or to an ancestor that cascades into one, empties every cache. */
export const CACHED_TABLES = ['room_links', 'courses', 'course_roles', 'admins', 'user_languages', 'meetings', 'course_classroom'];

/**
 * Writes by any connection of this process. Another connection of the same process (a second
 * Store on the same file) must see such a write at once, not from the next tick: after one,
 * every connection asks data_version again.
 */
let processWrites = 0;

const WRITE = /^\s*(?:(?:INSERT|REPLACE)\s+(?:OR\s+\w+\s+)?INTO|UPDATE\s+(?:OR\s+\w+\s+)?|DELETE\s+FROM)\s+["`[]?(\w+)/i;
const READ = /^\s*(?:SELECT|PRAGMA\s+\w+\s*(?:;|$))/i;

export class Freshness {
  private generation = 0;
  private dataVersion: unknown;
  private checked = false;
  /** `processWrites` when data_version was last asked, plus this connection's writes since. */
  private writesSeen = 0;
  private readonly version: Database.Statement;
  private readonly reset = (): void => void (this.checked = false);
  /** Tables that may change cached rows when written: computed from the schema on first use. */
  private affecting: Set<string> | undefined;

  constructor(
    private readonly db: Db,
    compile: (sql: string) => Database.Statement,
  ) {
    this.version = compile('PRAGMA data_version').pluck();
  }

  /** A number that changes whenever cached rows may have changed. */
  current(): number {
    if (!this.checked || this.writesSeen !== processWrites) {
      this.checked = true;
      this.writesSeen = processWrites;
      queueMicrotask(this.reset);
      const v = this.version.get();
      if (v !== this.dataVersion) {
        this.dataVersion = v;
        this.generation++;
      }
    }
    return this.generation;
  }

  /** Whether reads may be cached now (not inside a transaction). */
  usable(): boolean {
    return !this.db.inTransaction;
  }

  /** Called after every statement that is not a plain read (and after `exec`). */
  wrote(sql: string): void {
    if (READ.test(sql)) return;
    processWrites++;
    this.writesSeen++; // this connection's own writes do not make its data_version stale
    const table = WRITE.exec(sql)?.[1]?.toLowerCase();
    if (table === undefined || this.affects(table)) this.generation++;
  }

  private affects(table: string): boolean {
    this.affecting ??= cascadingInto(this.db, CACHED_TABLES);
    return this.affecting.has(table);
  }

  /** After a schema change the cascade graph is read again. */
  schemaChanged(): void {
    this.affecting = undefined;
    this.generation++;
  }
}

/** `targets` plus every table with a trigger, plus every table whose deletes/updates cascade (or set null) into one of them. */
export function cascadingInto(db: Db, targets: readonly string[]): Set<string> {
  const out = new Set(targets);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
  for (const t of db.prepare("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger'").all() as { tbl_name: string }[]) out.add(t.tbl_name.toLowerCase());
  const edges: { child: string; parent: string }[] = [];
  for (const { name } of tables) {
    const fks = db.prepare(`SELECT "table" AS parent, on_update, on_delete FROM pragma_foreign_key_list(?)`).all(name) as { parent: string; on_update: string; on_delete: string }[];
    for (const fk of fks) if (acts(fk.on_update) || acts(fk.on_delete)) edges.push({ child: name.toLowerCase(), parent: fk.parent.toLowerCase() });
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const e of edges) if (out.has(e.child) && !out.has(e.parent)) grew = out.add(e.parent) !== undefined;
  }
  return out;
}

const acts = (action: string): boolean => !/^(NO ACTION|RESTRICT)$/i.test(action);

const MAX_ENTRIES = 20_000;

/** One store's cached point reads; values are frozen (shared between callers). */
export class CachedReads<V> {
  private readonly entries = new Map<string, { value: V }>();
  private generation = -1;

  constructor(private readonly fresh: Freshness | undefined) {}

  get(key: string, load: () => V): V {
    const fresh = this.fresh;
    if (!fresh?.usable()) return load();
    const now = fresh.current();
    if (now !== this.generation) {
      this.entries.clear();
      this.generation = now;
    }
    const hit = this.entries.get(key);
    if (hit) return hit.value;
    const value = load();
    if (value !== null && typeof value === 'object') Object.freeze(value);
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { value });
    return value;
  }
}

const registry = new WeakMap<Db, Freshness>();

/** The freshness of a connection opened by openDatabase (undefined otherwise: no caching). */
export function freshnessOf(db: Db): Freshness | undefined {
  return registry.get(db);
}

/** Installs the write watch on a connection; `compile` is the connection's own prepare. */
export function watchWrites(db: Db, compile: (sql: string) => Database.Statement): Freshness {
  const fresh = new Freshness(db, compile);
  registry.set(db, fresh);
  const exec = db.exec.bind(db);
  db.exec = ((sql: string) => {
    try {
      return exec(sql);
    } finally {
      fresh.schemaChanged();
    }
  }) as Db['exec'];
  return fresh;
}

/** Wraps a statement that may write so that the freshness hears of it after each run. */
export function watchStatement(fresh: Freshness, sql: string, stmt: Database.Statement): Database.Statement {
  if (READ.test(sql)) return stmt;
  for (const method of ['run', 'get', 'all', 'iterate'] as const) {
    const call = stmt[method].bind(stmt) as (...args: unknown[]) => unknown;
    (stmt as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      try {
        // A writing statement with RETURNING is run through at once, so the write is heard before its rows are read.
        return method === 'iterate' ? stmt.all(...args)[Symbol.iterator]() : call(...args);
      } finally {
        fresh.wrote(sql);
      }
    };
  }
  return stmt;
}
