/**
 * Days and times as the demo account prints them. Kept apart from the
 * extension's own utils/shared/dates.ts on purpose: the demo stands in for the vendor's
 * site, so a bug in the extension's date code must not be mirrored here.
 * Days are counted the same way, though (days since 01.01.1970 of the local
 * calendar), so tests may pass utils' `today()` to `seedAccount`.
 */

const MS_PER_DAY = 86_400_000;
const MINUTES_PER_DAY = 1440;

/** A calendar day, counted in days since 01.01.1970. */
export type Day = number;

/** A wall-clock moment (day and time of day, no time zone), in minutes since 01.01.1970 00:00. */
export type Moment = number;

/** The account prints 01.01.1970 where no date is set (the help article shows it on a free license). */
export const NO_DATE: Day = 0;

/** The server's today: the local calendar day, so "ends in 3 days" stays true all day long. */
export function localToday(now: Date = new Date()): Day {
  return Math.round(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / MS_PER_DAY);
}

export function momentOf(day: Day, minuteOfDay: number): Moment {
  return day * MINUTES_PER_DAY + minuteOfDay;
}

const pad = (n: number) => String(n).padStart(2, '0');

function utcDateOf(day: Day): Date {
  return new Date(day * MS_PER_DAY);
}

/** `dd.MM.yyyy`, the only date form the account uses (in English too). */
export function formatDay(day: Day): string {
  const date = utcDateOf(day);
  return `${pad(date.getUTCDate())}.${pad(date.getUTCMonth() + 1)}.${date.getUTCFullYear()}`;
}

/** `yyyy-MM-dd`: only the `broken` account prints this, to be unreadable on purpose. */
export function formatIsoDay(day: Day): string {
  const date = utcDateOf(day);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function timeOfDay(moment: Moment): string {
  const minutes = ((moment % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** `dd.MM.yyyy HH:mm`, as the Устройства tab shows the last connection. */
export function formatMoment(moment: Moment): string {
  return `${formatDay(Math.floor(moment / MINUTES_PER_DAY))} ${timeOfDay(moment)}`;
}

/** `yyyy-MM-dd HH:mm`, for the `broken` account. */
export function formatIsoMoment(moment: Moment): string {
  return `${formatIsoDay(Math.floor(moment / MINUTES_PER_DAY))} ${timeOfDay(moment)}`;
}

/** The day a `dd.MM.yyyy` text names; only for fixed dates the seed copies from the help article. */
export function dayOf(text: string): Day {
  const [day, month, year] = text.split('.').map(Number);
  return Math.round(Date.UTC(year!, month! - 1, day!) / MS_PER_DAY);
}

/** The same day a year later, as a one-year subscription ends: 29.02 becomes 01.03. */
export function sameDayNextYear(day: Day): Day {
  const date = utcDateOf(day);
  return Math.round(Date.UTC(date.getUTCFullYear() + 1, date.getUTCMonth(), date.getUTCDate()) / MS_PER_DAY);
}
