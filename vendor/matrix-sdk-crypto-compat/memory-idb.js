'use strict';
// The wasm build's persistent store needs IndexedDB; Node has none. fake-indexeddb provides it in
// memory (installed as the global the wasm code looks up), and every write through it is counted
// so that the store is saved only when something changed.
let installed = false;
let changes = 0;

function countWrites(proto, methods) {
  for (const name of methods) {
    const original = proto[name];
    proto[name] = function counted(...args) {
      changes++;
      return original.apply(this, args);
    };
  }
}

function indexedDb() {
  if (!installed) {
    if (globalThis.indexedDB === undefined) require('fake-indexeddb/auto');
    countWrites(globalThis.IDBObjectStore.prototype, ['put', 'add', 'delete', 'clear']);
    countWrites(globalThis.IDBCursor.prototype, ['update', 'delete']);
    installed = true;
  }
  return globalThis.indexedDB;
}

function changeCount() {
  return changes;
}

module.exports = { indexedDb, changeCount };
