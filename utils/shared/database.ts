/**
 * How the extension opens each of its IndexedDB databases: once per page or
 * worker, again after a failure or when a newer version of the extension
 * asks for it; and never waiting for ever on an older version (a popup or an
 * extension page opened in a tab before an update) that holds it open.
 */
import { openDB, type DBSchema, type IDBPDatabase, type OpenDBCallbacks } from 'idb';

/**
 * How long an upgrade waits for an older version to let the database go:
 * past it, whatever asked fails with the reason rather than hanging.
 */
export const BLOCKED_WAIT_MS = 5_000;

/** A function giving the database, opened on first use. */
export function keptDatabase<Schema extends DBSchema>(
  name: string, version: number, upgrade: NonNullable<OpenDBCallbacks<Schema>['upgrade']>,
): () => Promise<IDBPDatabase<Schema>> {
  let opening: Promise<IDBPDatabase<Schema>> | undefined;
  const open = () => new Promise<IDBPDatabase<Schema>>((resolve, reject) => {
    let waiting: ReturnType<typeof setTimeout> | undefined;
    let gaveUp = false;
    openDB<Schema>(name, version, {
      upgrade,
      blocked() {
        // An older version holds the database open and will not let it go (it knows nothing of versions).
        waiting = setTimeout(() => {
          gaveUp = true;
          reject(new DOMException('another window of this extension, from before its update, keeps its data open: close it', 'StorageBlocked'));
        }, BLOCKED_WAIT_MS);
      },
      blocking(_current, _blocked, event) {
        // A newer version wants to upgrade: let it, and open again on the next use.
        (event.target as IDBDatabase).close();
        opening = undefined;
      },
      terminated() {
        opening = undefined;
      },
    }).then(
      (db) => {
        clearTimeout(waiting);
        // Opened after all, once nobody waits for it any more: not left open for nothing.
        if (gaveUp) db.close();
        else resolve(db);
      },
      (error: unknown) => {
        clearTimeout(waiting);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
  return () => {
    opening ??= open().catch((error: unknown) => {
      opening = undefined;
      throw error;
    });
    return opening;
  };
}
