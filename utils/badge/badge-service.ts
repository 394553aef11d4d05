/**
 * The toolbar button's badge: named states, each with a priority, of which
 * the most urgent is shown, its words as the button's tooltip (the way
 * Bitwarden's badge service lets several features speak through one badge).
 * A state is set by the feature that owns it, again whenever the service
 * worker starts: nothing here outlives the worker, so each owner recomputes
 * its state from what it keeps in IndexedDB (upload jobs, the lists seen)
 * when it starts.
 */
export interface BadgeState {
  /** At most four characters: the badge's room. */
  text: string;
  color: string;
  /** What the tooltip says, whole. */
  title: string;
}

/** The badge's owners, most urgent first: an upload waiting for the user outranks the count of what ends soon. */
export const BADGE_PRIORITY = ['upload-paused', 'expiring'] as const;
export type BadgeName = (typeof BADGE_PRIORITY)[number];

const states = new Map<BadgeName, BadgeState>();

/** The state shown: the most urgent one set, or none. */
export function shownState(set: ReadonlyMap<BadgeName, BadgeState>): BadgeState | undefined {
  for (const name of BADGE_PRIORITY) {
    const state = set.get(name);
    if (state) return state;
  }
  return undefined;
}

let applying = Promise.resolve();

/** Sets (or, undefined, clears) one owner's state, and shows the most urgent. */
export function setBadge(name: BadgeName, state: BadgeState | undefined): Promise<void> {
  if (state) states.set(name, state);
  else states.delete(name);
  const shown = shownState(states);
  // One after another: two quick changes must not land in the other order.
  applying = applying.then(async () => {
    await browser.action.setBadgeText({ text: shown?.text ?? '' });
    if (shown) await browser.action.setBadgeBackgroundColor({ color: shown.color });
    const name = browser.i18n.getMessage('extName');
    await browser.action.setTitle({ title: shown ? `${name}\n${shown.title}` : name });
  }).catch(() => undefined);
  return applying;
}
