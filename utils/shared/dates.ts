import type { AccountDate, DayNumber } from './records';

const MS_PER_DAY = 86_400_000;

/** `dd.MM.yyyy`, the only date form the account prints. */
const ACCOUNT_DATE = /^(\d{2})\.(\d{2})\.(\d{4})$/;

/** The day number of a calendar date, or undefined when no such day exists (31.02.2026). */
export function dayNumber(year: number, month: number, day: number): DayNumber | undefined {
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  // Date.UTC rolls 31.02 over to 03.03; a real day survives the round trip.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return undefined;
  }
  return Math.round(time / MS_PER_DAY);
}

/**
 * Reads an account date. `01.01.1970` is the account's "no date" (the help
 * article shows it on a free license with no subscription), not a day in 1970.
 */
export function parseAccountDate(text: string): AccountDate {
  const match = ACCOUNT_DATE.exec(text.trim());
  if (!match) return 'unknown';
  const day = dayNumber(Number(match[3]), Number(match[2]), Number(match[1]));
  if (day === undefined) return 'unknown';
  return day === 0 ? 'none' : day;
}

/** Today as the user's own calendar shows it (their local time zone), as a day number. */
export function today(now: Date = new Date()): DayNumber {
  return dayNumber(now.getFullYear(), now.getMonth() + 1, now.getDate())!;
}

/** `dd.MM.yyyy` for a day number, as the account writes it. */
export function formatDay(day: DayNumber): string {
  const date = new Date(day * MS_PER_DAY);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}.${pad(date.getUTCMonth() + 1)}.${date.getUTCFullYear()}`;
}
