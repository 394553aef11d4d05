/**
 * What the extension writes into the account's own list: data attributes on
 * the rows (a stable contract for tests and user styles), a small marker
 * beside the status with a one-sentence tooltip, and a reversible filter.
 * The site's elements are never moved, replaced or re-parented.
 */
import { createSlicer, ROWS_PER_CLOCK_LOOK, yieldToPage } from '../shared/main-thread';

export interface RowMark {
  element: HTMLElement;
  /**
   * Where the marker goes: inside the element holding the status word or
   * device id. Asked only of rows that get a marker: finding it costs a walk
   * of the row (utils/site/site-adapter.ts PageRow finds it once and remembers it).
   */
  markerSlot: () => HTMLElement;
  /** `data-clh-*` attributes to set; undefined removes one. */
  attributes: Record<string, string | undefined>;
  /** The row's flags: «Только проблемные» shows the rows that have any. */
  flags: readonly string[];
  /** The groups of findings the row is in (checks/finding-groups.ts): each count's filter shows its group's rows. */
  groups: readonly string[];
  /** One sentence per finding; no sentence, no marker. */
  sentences: readonly string[];
  /** Its kind's colour (checks/finding-groups.ts GROUP_COLORS), for the marker or the underline. */
  color: string;
  /** A device support must hear of: its marker offers a request about it (the panel's script makes it). */
  support?: { label: string; run: () => void };
}

const MARKER_ATTRIBUTE = 'data-clh-marker';

const markers = new WeakMap<HTMLElement, HTMLElement>();
/** Each marker's badge, in its closed shadow root: the page cannot reach it, so neither can a lookup through the marker. */
const badges = new WeakMap<HTMLElement, HTMLElement>();

/** Each marker's words, opened under it when it is focused or tapped. */
const tips = new WeakMap<HTMLElement, HTMLElement>();
/** Each marker's button for a support request, and what it does now (a mark of a later reading may take its place). */
const supportButtons = new WeakMap<HTMLElement, HTMLButtonElement>();
const supportRuns = new WeakMap<HTMLElement, () => void>();
/** The panel's element, put in the page's flow above the list (components/panel-host.tsx). */
export const PANEL_TAG = 'clh-panel';

/** Whether a node is one of ours, a marker or the panel: the page observer ignores our own writes. */
export function isOurs(node: Node): boolean {
  return node instanceof HTMLElement && (node.hasAttribute(MARKER_ATTRIBUTE) || node.localName === PANEL_TAG);
}

function createMarker(doc: Document): HTMLElement {
  const host = doc.createElement('span');
  host.setAttribute(MARKER_ATTRIBUTE, '');
  host.setAttribute('role', 'img');
  // Inline and !important: the page's own CSS must not hide or stretch the marker.
  host.style.setProperty('display', 'inline-block', 'important');
  host.style.setProperty('margin-inline-start', '0.35em', 'important');
  host.style.setProperty('vertical-align', 'middle', 'important');
  host.style.setProperty('position', 'relative', 'important');
  const badge = doc.createElement('span');
  badge.textContent = '!';
  badge.style.cssText = 'display:inline-block;min-width:1.15em;height:1.15em;border-radius:50%;color:#fff;'
    + 'font:bold 0.75em/1.15em system-ui,sans-serif;text-align:center;cursor:help';
  // A title shows to a mouse only: the same words open under the marker when it is focused (Tab) or tapped.
  const tip = doc.createElement('span');
  tip.hidden = true;
  tip.style.cssText = 'position:absolute;top:1.6em;left:0;z-index:2147483647;width:max-content;max-width:22em;padding:6px 8px;'
    + 'border-radius:6px;background:#1f2933;color:#fff;font:12px/1.4 system-ui,sans-serif;white-space:pre-line;text-align:start;'
    + 'box-shadow:0 2px 8px rgba(0,0,0,.25)';
  // Shown with the words where the row's device is one support must hear of (placeMarker).
  const words = doc.createElement('span');
  const support = doc.createElement('button');
  support.type = 'button';
  support.hidden = true;
  support.setAttribute('data-clh-support', '');
  support.style.cssText = 'display:block;margin-top:6px;font:inherit;color:#1f2933;background:#fff;border:0;border-radius:4px;padding:2px 8px;cursor:pointer';
  support.addEventListener('click', () => supportRuns.get(host)?.());
  tip.append(words, support);
  host.tabIndex = 0;
  host.addEventListener('focus', () => (tip.hidden = false));
  // Focus moving to the button inside keeps the words open: the event then names the marker itself.
  host.addEventListener('focusout', (event) => {
    if (event.relatedTarget !== host) tip.hidden = true;
  });
  host.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') tip.hidden = true;
  });
  // Closed: the page's scripts cannot read or change what is inside (its words are on the host, as its tooltip).
  host.attachShadow({ mode: 'closed' }).append(badge, tip);
  badges.set(host, badge);
  tips.set(host, words);
  supportButtons.set(host, support);
  return host;
}

/**
 * Above this many rows on one page a marker element per row costs too much:
 * every node added inside a table of thousands of rows makes the browser lay
 * out the whole table again (seconds on a 10,000-row «Все» page), and so does
 * a style sheet that restyles the rows. Such pages get marks that cost paint
 * only: the status word (or device id) in the finding's colour, with the
 * sentences as its tooltip. Its colour, not an underline or a background:
 * measured on the partner's 10,000 rows in Chromium, an underline, outline or
 * shadow (even one) makes the browser walk the whole list again before it
 * paints (60-80 ms), a background on an inline word lays the table out again
 * (200-300 ms), and 1,900 coloured words cost that walk 7 ms.
 */
export const MARKER_ELEMENTS_UP_TO = 300;

/**
 * What the site had on the element we lent a tooltip and colour to (null:
 * no such attribute), to give back; kept by row, whose slot is found only
 * when a marker is placed.
 */
const lent = new WeakMap<HTMLElement, { slot: HTMLElement; title: string | null; style: string | null }>();

function removeMarker(mark: RowMark): void {
  markers.get(mark.element)?.remove();
  markers.delete(mark.element);
}

/** Puts back what the site had on the row's slot (`own`: a loan already replaced by a newer one). */
function giveBack(row: HTMLElement, own = lent.get(row)): void {
  if (!own) return;
  for (const [name, value] of [['title', own.title], ['style', own.style]] as const) {
    if (value === null) own.slot.removeAttribute(name);
    else own.slot.setAttribute(name, value);
  }
  if (lent.get(row) === own) lent.delete(row);
}

/**
 * Lends the slot the sentences as its tooltip and the finding's colour. The
 * attributes are read here, and what is to be written comes back as a
 * function: the reads run in the sliced pass, and the final pass, one task
 * for every row, only writes.
 */
function lendTo(row: HTMLElement, slot: HTMLElement, text: string, color: string): (() => void) | undefined {
  const style = slot.getAttribute('style');
  const title = slot.getAttribute('title');
  let own = lent.get(row);
  let before: (() => void) | undefined;
  if (own?.slot !== slot) {
    const earlier = own;
    if (earlier) before = () => giveBack(row, earlier);
    own = { slot, title, style };
    lent.set(row, own);
  }
  // Attributes, not element.style: see hiddenRows below on what the CSSOM leaves behind. An underline in the
  // finding's colour, not the word itself recoloured: «Активирована» in red read as a contradiction.
  const coloured = `${own.style ? `${own.style.replace(/;?\s*$/, ';')} ` : ''}`
    + `text-decoration: underline 2px ${color} !important; text-underline-offset: 3px !important;`;
  if (style === coloured && title === text && !before) return undefined;
  return () => {
    before?.();
    if (style !== coloured) slot.setAttribute('style', coloured);
    if (title !== text) slot.setAttribute('title', text);
  };
}

/** A marker element beside the slot (a list short enough for them). */
function placeMarker(mark: RowMark): void {
  if (mark.sentences.length === 0) {
    removeMarker(mark);
    return giveBack(mark.element);
  }
  const slot = mark.markerSlot();
  giveBack(mark.element);
  // Text only (title, aria-label, textContent): page and file data never become markup.
  const text = mark.sentences.join('\n');
  let marker = markers.get(mark.element);
  if (!marker || !mark.element.contains(marker)) {
    marker = createMarker(mark.element.ownerDocument);
    markers.set(mark.element, marker);
    slot.append(marker);
  }
  marker.title = text;
  marker.setAttribute('aria-label', text);
  tips.get(marker)!.textContent = text;
  badges.get(marker)!.style.background = mark.color;
  const support = supportButtons.get(marker)!;
  support.hidden = !mark.support;
  support.textContent = mark.support?.label ?? '';
  if (mark.support) supportRuns.set(marker, mark.support.run);
  else supportRuns.delete(marker);
}

/**
 * What a mark without a marker element writes (a list too long for them):
 * the loan of its status word, or taking back an earlier loan or marker.
 */
function planWithoutMarker(mark: RowMark): (() => void) | undefined {
  const { element } = mark;
  const slot = mark.sentences.length > 0 ? mark.markerSlot() : undefined;
  // The row itself is never lent to: the filter owns its style attribute.
  if (slot && slot !== element) {
    const lend = lendTo(element, slot, mark.sentences.join('\n'), mark.color);
    return markers.has(element) ? () => { removeMarker(mark); lend?.(); } : lend;
  }
  if (!markers.has(element) && !lent.has(element)) return undefined;
  return () => {
    removeMarker(mark);
    giveBack(element);
  };
}

/** Rows this script has written its attributes on: a later run writes only what changed. */
const attributed = new WeakSet<HTMLElement>();

/**
 * Writes the marks onto the page: the data attributes in slices (10,000 rows
 * must not freeze it; no style rule reads them, so they cost no rendering),
 * with what each marker needs read meanwhile, then everything visible in one
 * go, so the browser repaints the list once instead of after every slice.
 * Once `signal` aborts (the extension is gone) it writes nothing more.
 */
export async function applyMarks(marks: readonly RowMark[], signal?: AbortSignal): Promise<void> {
  const withElements = marks.length <= MARKER_ELEMENTS_UP_TO;
  const slice = createSlicer({ every: ROWS_PER_CLOCK_LOOK });
  const writes: Array<() => void> = [];
  for (const mark of marks) {
    if (signal?.aborted) return;
    // A row never marked by this script is written without reading first (30,000 reads on a 10,000-row page).
    const seen = attributed.has(mark.element);
    attributed.add(mark.element);
    for (const name in mark.attributes) {
      const value = mark.attributes[name];
      if (value === undefined) mark.element.removeAttribute(name);
      else if (!seen || mark.element.getAttribute(name) !== value) mark.element.setAttribute(name, value);
    }
    if (withElements) {
      writes.push(() => placeMarker(mark));
    } else {
      const write = planWithoutMarker(mark);
      if (write) writes.push(write);
    }
    const pause = slice();
    if (pause) await pause;
  }
  // A task of its own (with the panel and `data-clh="ready"`, which come right after): no slice's remainder before it.
  await yieldToPage();
  if (signal?.aborted) return;
  for (const write of writes) write();
}

/** Takes every mark off the page: the rows' attributes, markers and lent colours, as the site had them. */
export function removeMarks(marks: readonly RowMark[]): void {
  for (const mark of marks) {
    for (const name in mark.attributes) mark.element.removeAttribute(name);
    attributed.delete(mark.element);
    removeMarker(mark);
    giveBack(mark.element);
  }
}

/**
 * The style attribute each hidden row had (null: none), put back exactly as it
 * was. Only the attribute is ever touched, never `element.style`: once the
 * CSSOM has written a row's style, Chromium serialises an empty `style=""`
 * back onto it even after `removeAttribute`.
 */
const hiddenRows = new Map<HTMLElement, string | null>();
const FILTERED_ATTRIBUTE = 'data-clh-filtered';

/** Shows only the rows `keep` accepts; `undefined` shows every row again, as the site had it. */
export function filterRows(marks: readonly RowMark[], keep: ((mark: RowMark) => boolean) | undefined): void {
  for (const [element, style] of hiddenRows) {
    if (style === null) element.removeAttribute('style');
    else element.setAttribute('style', style);
    element.removeAttribute(FILTERED_ATTRIBUTE);
  }
  hiddenRows.clear();
  if (!keep) return;
  for (const mark of marks) {
    // A row may be listed twice (one element holding two records): the first reading is the site's own.
    if (keep(mark) || hiddenRows.has(mark.element)) continue;
    const style = mark.element.getAttribute('style');
    hiddenRows.set(mark.element, style);
    // Appended last, with !important: it wins over the row's own display and the site's style sheets. The attribute
    // tells the reader (site/page.ts NOT_SHOWN) the row is hidden by us, not by the site: it is still read.
    mark.element.setAttribute(FILTERED_ATTRIBUTE, '');
    mark.element.setAttribute('style', `${style ? `${style.replace(/;?\s*$/, ';')} ` : ''}display: none !important;`);
  }
}
