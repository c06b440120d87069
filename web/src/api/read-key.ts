/**
 * The read key the user typed, kept for this tab only (sessionStorage): it leaves with the tab and
 * is never written anywhere else. Nothing on the page writes data, so a read key is all it asks for.
 */
const STORAGE_KEY = 'verdicts.readKey';

export function readKey(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function rememberReadKey(key: string | null): void {
  try {
    if (key === null || key.trim() === '') sessionStorage.removeItem(STORAGE_KEY);
    else sessionStorage.setItem(STORAGE_KEY, key.trim());
  } catch {
    // Storage refused (private mode quotas): the key then lasts until the next reload only.
  }
}
