'use strict';
// IndexedDB databases to plain data and back: every object store with its key path, indexes,
// keys and values. Used to keep fake-indexeddb's in-memory databases in a file.

function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function committed(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** One database as data. All reads are issued in one read-only transaction (a consistent view). */
async function dumpDatabase(idb, name) {
  const db = await done(idb.open(name));
  try {
    const names = [...db.objectStoreNames];
    if (names.length === 0) return { name, version: db.version, stores: [] };
    const tx = db.transaction(names, 'readonly');
    const end = committed(tx);
    const pending = names.map((storeName) => {
      const s = tx.objectStore(storeName);
      const indexes = [...s.indexNames].map((i) => {
        const x = s.index(i);
        return { name: i, keyPath: x.keyPath, unique: x.unique, multiEntry: x.multiEntry };
      });
      return Promise.all([done(s.getAllKeys()), done(s.getAll())]).then(([keys, values]) => ({
        name: storeName, keyPath: s.keyPath, autoIncrement: s.autoIncrement, indexes, keys, values,
      }));
    });
    const stores = await Promise.all(pending);
    await end;
    return { name, version: db.version, stores };
  } finally {
    db.close();
  }
}

/** Creates database `name` (which must not exist) with the dumped stores and records. */
async function restoreDatabase(idb, name, dump) {
  const open = idb.open(name, dump.version);
  open.onupgradeneeded = () => {
    for (const s of dump.stores) {
      const options = { autoIncrement: s.autoIncrement };
      if (s.keyPath !== null) options.keyPath = s.keyPath;
      const os = open.result.createObjectStore(s.name, options);
      for (const i of s.indexes) os.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
    }
  };
  const db = await done(open);
  try {
    if (dump.stores.length === 0) return;
    const tx = db.transaction(dump.stores.map((s) => s.name), 'readwrite');
    const end = committed(tx);
    for (const s of dump.stores) {
      const os = tx.objectStore(s.name);
      s.values.forEach((value, i) => (s.keyPath === null ? os.put(value, s.keys[i]) : os.put(value)));
    }
    await end;
  } finally {
    db.close();
  }
}

/** Every database whose name starts with `prefix`, as data (names without the prefix). */
async function dumpAll(idb, prefix) {
  const all = await idb.databases();
  const out = [];
  for (const { name } of all.filter((d) => d.name.startsWith(prefix))) {
    const dump = await dumpDatabase(idb, name);
    out.push({ ...dump, name: name.slice(prefix.length) });
  }
  return out;
}

async function restoreAll(idb, prefix, dumps) {
  for (const dump of dumps) await restoreDatabase(idb, prefix + dump.name, dump);
}

/** Deletes the databases; does not wait for connections that never close. */
async function deleteAll(idb, prefix) {
  const all = await idb.databases();
  for (const { name } of all.filter((d) => d.name.startsWith(prefix))) idb.deleteDatabase(name);
}

module.exports = { dumpAll, restoreAll, deleteAll };
