/**
 * Whether the user opened the summary panel's details. It starts as one bar
 * of counts above the list; a user who opened it once, or closed it again,
 * finds it so on every page and tab.
 * Plain `storage.local` rather than WXT's storage helper, which would add
 * 9 kB to a content script that has a 60 kB budget for one boolean.
 */
const KEY = 'panelOpen';

export const panelOpen = {
  async getValue(): Promise<boolean> {
    const stored = await browser.storage.local.get(KEY);
    return stored[KEY] === true;
  },
  setValue: (open: boolean): Promise<void> => browser.storage.local.set({ [KEY]: open }),
  /** Calls back when another tab opens or closes it; returns the unwatch function. */
  watch(callback: (open: boolean) => void): () => void {
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && KEY in changes) callback(changes[KEY]!.newValue === true);
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  },
};
