/**
 * Device ids: the one rule by which a text is taken for a device.
 *
 * The help article shows a Windows PC as `WIN-H-4A5F39F07C114C76B6C958170C940A9D`
 * and an Android terminal as `@XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B`:
 * maker, model, a letter, a serial (shared/domain/DOMAIN.md: every maker's
 * terminal has an id of that shape; a Windows id is the same with no model).
 * So an id is: an optional `@`; a maker (a Latin letter, then letters, digits
 * or `_`: `M3`, `POINTMOBILE`); any number of model parts, dashes of their
 * own included (`SM-A525F`, `SKORPIO-X5`); a part of one letter; a serial of
 * six or more letters and digits.
 *
 * The one-letter part sets an id apart from what rows are full of besides:
 * an activation code (groups of 4 to 8), an order or card number
 * (`2026-0001-1234`: digits, no letter part), a GUID (8-4-4-4-12 hex), an
 * e-mail (its `@` inside). Whether the `@` belongs to the id is not known
 * (the article shows it only inside a license's status), so the same device
 * is matched with it or without it. Invisible characters inside an id are
 * left out before it is read (texts.ts).
 */

const ID = '@?[A-Z][A-Z0-9_]*(?:-[A-Z0-9_]+)*-[A-Z]-[A-Z0-9]{6,}';

/** A whole text that is a device id. */
export const DEVICE_ID = new RegExp(`^${ID}$`, 'i');

/** A device id standing in a text as a word of its own (group 1). */
export const DEVICE_ID_IN_TEXT = new RegExp(`(?:^|[\\s(,;:«"])(${ID})(?=[\\s),;:»"]|\\.(?:\\s|$)|$)`, 'i');

/** A device id somewhere in an element's whole text, where cells may run together («Активирована@XIAOMI-…»). */
export const DEVICE_ID_SOMEWHERE = new RegExp(ID.slice(2), 'i');

/** The device id a text holds, if any. */
export function deviceIdIn(text: string): string | undefined {
  return DEVICE_ID_IN_TEXT.exec(text)?.[1];
}

/** A device id as compared: without its leading `@`, case-folded. `@XIAOMI-…` and `XIAOMI-…` are one device. */
export function deviceKey(id: string): string {
  const trimmed = id.trim();
  return (trimmed.startsWith('@') ? trimmed.slice(1) : trimmed).toLowerCase();
}
