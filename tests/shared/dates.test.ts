import { afterEach, describe, expect, it } from 'vitest';
import { dayNumber, formatDay, parseAccountDate, today } from '@/utils/shared/dates';

describe('parseAccountDate', () => {
  it('reads dd.MM.yyyy as a day', () => {
    expect(parseAccountDate('17.04.2019')).toBe(dayNumber(2019, 4, 17));
    expect(formatDay(parseAccountDate('17.04.2019') as number)).toBe('17.04.2019');
  });
  it('takes 01.01.1970 as "no date", not as a day in 1970', () => {
    expect(parseAccountDate('01.01.1970')).toBe('none');
  });
  it('calls an impossible day unknown, never a date', () => {
    expect(parseAccountDate('31.02.2026')).toBe('unknown');
    expect(parseAccountDate('00.01.2026')).toBe('unknown');
    expect(parseAccountDate('2026-02-01')).toBe('unknown');
    expect(parseAccountDate('')).toBe('unknown');
  });
  it('keeps leap days that exist', () => {
    expect(parseAccountDate('29.02.2024')).toBe(dayNumber(2024, 2, 29));
    expect(parseAccountDate('29.02.2026')).toBe('unknown');
  });
});

describe('today', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  // Far from UTC on both sides: there a minute around local midnight is another UTC day, so a day taken in UTC is wrong.
  it.each([
    ['Asia/Vladivostok', -600],
    ['America/Los_Angeles', 480],
    ['UTC', 0],
  ])('is the user\'s local calendar day, even a minute before or after midnight (%s)', (timeZone, offsetMinutes) => {
    process.env.TZ = timeZone;
    const beforeMidnight = new Date(2026, 10, 27, 23, 59);
    const afterMidnight = new Date(2026, 10, 28, 0, 1);
    expect(afterMidnight.getTimezoneOffset()).toBe(offsetMinutes); // the zone took effect
    expect(formatDay(today(beforeMidnight))).toBe('27.11.2026');
    expect(formatDay(today(afterMidnight))).toBe('28.11.2026');
  });
});
