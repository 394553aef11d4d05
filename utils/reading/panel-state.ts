/**
 * Whether the user folded the summary panel. Kept across pages and tabs: a
 * user who folded it away once should not have to fold it on every page.
 * Plain `storage.local` rather than WXT's storage helper, which would add
 * 9 kB to a content script that has a 60 kB budget for one boolean.
 */
const KEY = 'panelFolded';

export const panelFolded = {
  async getValue(): Promise<boolean> {
    const stored = await browser.storage.local.get(KEY);
    return stored[KEY] === true;
  },
  setValue: (folded: boolean): Promise<void> => browser.storage.local.set({ [KEY]: folded }),
  /** Calls back when another tab folds or unfolds; returns the unwatch function. */
  watch(callback: (folded: boolean) => void): () => void {
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && KEY in changes) callback(changes[KEY]!.newValue === true);
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  },
};
