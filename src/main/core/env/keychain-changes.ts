import type { SecretStore } from '../secrets/secret-store';

/** One keychain mutation: store `value` under `ref`, or delete `ref` when value is null. */
export interface KeychainChange {
  ref: string;
  value: string | null;
}

/** Undoes applied keychain changes (best effort: the keychain may be the thing that failed). */
export type KeychainUndo = () => Promise<void>;

/**
 * Applies the changes in order. If one fails, the ones already applied are undone (each entry gets
 * back the value it had) and the error is thrown, so a keychain failure leaves nothing changed.
 * On success, returns how to undo them (for when the SQLite write that follows fails).
 */
export async function applyKeychainChanges(secrets: SecretStore, changes: KeychainChange[]): Promise<KeychainUndo> {
  const journal: Array<{ ref: string; previous: string | null }> = [];
  const undo: KeychainUndo = async () => {
    for (const entry of journal.splice(0).reverse()) {
      const restore = entry.previous === null ? secrets.delete(entry.ref) : secrets.set(entry.ref, entry.previous);
      await restore.catch(() => {});
    }
  };
  try {
    for (const change of changes) {
      const previous = await secrets.get(change.ref);
      if (change.value === null) await secrets.delete(change.ref);
      else await secrets.set(change.ref, change.value);
      journal.push({ ref: change.ref, previous });
    }
  } catch (error) {
    await undo();
    throw error;
  }
  return undo;
}
