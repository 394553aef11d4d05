// The sentences beside marked rows: the browser's i18n is asked once per message, not once per row.
import { describe, expect, it, vi } from 'vitest';
import { crossCheck, type LicenseCheck } from '@/utils/checks/checks';
import { dayNumber } from '@/utils/shared/dates';
import { deviceSentence, deviceSentences, licenseSentence, licenseSentences } from '@/utils/checks/finding-text';
import { speakOnPage, type LocaleMessages } from '@/utils/shared/i18n';
import type { Device, License } from '@/utils/shared/records';
import en from '../../public/_locales/en/messages.json';

// The browser's i18n, answered from the extension's own messages (tests/locale-messages.ts).
const i18n = await vi.hoisted(async () => (await import('../locale-messages')).answerFromLocales());

const TODAY = dayNumber(2026, 6, 15)!;

function license(fields: Partial<License> = {}): License {
  return { kind: 'main', product: 'Mobile SMARTS: Склад 15, ПОЛНЫЙ', status: 'activated', deviceId: 'TSD-1', date: TODAY - 100, subscriptionEnd: TODAY + 200, ...fields };
}

function device(id: string, connection: Device['connection']): Device {
  return { id, name: id, database: 'База', connection, lastSeen: TODAY };
}

const checkOf = (fields: Partial<License>, devices: Device[] = [device('TSD-1', 'local')]): LicenseCheck =>
  crossCheck([license(fields)], devices, TODAY).licenses[0]!;

describe('license sentences', () => {
  it('says each finding with its days, dates and device filled in', () => {
    expect(licenseSentences(checkOf({ subscriptionEnd: TODAY + 5 }))).toEqual(['Подписка на обновление заканчивается через 5 дней — до 20.06.2026.']);
    expect(licenseSentences(checkOf({ subscriptionEnd: TODAY + 3 }))).toEqual(['Подписка на обновление заканчивается через 3 дня — до 18.06.2026.']);
    expect(licenseSentences(checkOf({ subscriptionEnd: TODAY + 21 }))).toEqual(['Подписка на обновление заканчивается через 21 день — до 06.07.2026.']);
    expect(licenseSentences(checkOf({ subscriptionEnd: TODAY }))).toEqual(['Подписка на обновление заканчивается сегодня, 15.06.2026.']);
    expect(licenseSentences(checkOf({ subscriptionEnd: TODAY - 1 }))).toEqual([
      'Подписка на обновление закончилась 14.06.2026: продлите её ссылкой «Продлить».',
    ]);
    expect(licenseSentences(checkOf({ deviceId: 'GONE-1', subscriptionEnd: 'none' }))).toEqual([
      'Лицензия привязана к устройству GONE-1, которого нет во вкладке «Устройства».',
      'Дата окончания подписки не указана (01.01.1970).',
    ]);
  });

  it('speaks the page\'s language once it is set, and the browser\'s again after, nothing kept from the other', () => {
    expect(licenseSentences(checkOf({ subscriptionEnd: TODAY + 5 }))).toEqual(['Подписка на обновление заканчивается через 5 дней — до 20.06.2026.']);
    speakOnPage('en', en as LocaleMessages);
    try {
      const [sentence] = licenseSentences(checkOf({ subscriptionEnd: TODAY + 5 }));
      expect(sentence).toContain('20.06.2026');
      expect(sentence).not.toMatch(/\p{Script=Cyrillic}/u);
      expect(sentence).toContain(en.days_other.message.replace('$1', '5'));
    } finally {
      speakOnPage(undefined);
    }
    expect(licenseSentences(checkOf({ subscriptionEnd: TODAY + 5 }))).toEqual(['Подписка на обновление заканчивается через 5 дней — до 20.06.2026.']);
  });

  it('puts a device id in as it is, even one that looks like a placeholder', () => {
    const check = checkOf({ deviceId: '$1 $$ $2' });
    expect(licenseSentence(check, 'unknown-device')).toBe('Лицензия привязана к устройству $1 $$ $2, которого нет во вкладке «Устройства».');
    expect(licenseSentence(check, 'duplicate')).toBe('На устройстве $1 $$ $2 активированы две лицензии одного продукта.');
  });

  it('gives a row with no finding no sentence, without asking the i18n', () => {
    const calls = i18n.calls;
    expect(licenseSentences(checkOf({}))).toEqual([]);
    expect(deviceSentences(crossCheck([], [device('PC-1', 'local')], TODAY).devices[0]!)).toEqual([]);
    expect(i18n.calls).toBe(calls);
  });

  it('asks the i18n once per message and day count, however many rows', () => {
    const licenses = Array.from({ length: 3000 }, (_, i) =>
      license({ deviceId: `GONE-${i}`, subscriptionEnd: i % 3 === 0 ? TODAY - 1 - (i % 50) : TODAY + (i % 31) }));
    const { licenses: checks } = crossCheck(licenses, [], TODAY);
    const calls = i18n.calls;
    const sentences = checks.flatMap(licenseSentences);
    expect(sentences).toHaveLength(6000);
    expect(sentences[0]).toBe('Подписка на обновление закончилась 14.06.2026: продлите её ссылкой «Продлить».');
    expect(sentences[1]).toBe('Лицензия привязана к устройству GONE-0, которого нет во вкладке «Устройства».');
    // Messages: expired, unknown device, expiring, expiring today; and one «N дней» per day count (at most 31).
    expect(i18n.calls - calls).toBeLessThanOrEqual(4 + 31);
  });

  it('says a cloud license\'s «До» is the end of its paid term, after which its device runs in demo mode', () => {
    const cloud = (fields: Partial<License>) => checkOf({ kind: 'cloud', deviceId: 'TSD-1', ...fields }, [device('TSD-1', 'cloud')]);
    expect(licenseSentences(cloud({ subscriptionEnd: TODAY + 5 }))).toEqual([
      'Оплаченный срок облачной лицензии заканчивается через 5 дней — 20.06.2026: затем устройство TSD-1 останется без лицензии и перейдёт в демо-режим. Продлите её ссылкой «Продлить».',
    ]);
    expect(licenseSentences(cloud({ subscriptionEnd: TODAY }))).toEqual([
      'Оплаченный срок облачной лицензии заканчивается сегодня, 15.06.2026: затем устройство TSD-1 останется без лицензии и перейдёт в демо-режим. Продлите её ссылкой «Продлить».',
    ]);
    expect(licenseSentences(cloud({ subscriptionEnd: TODAY - 2 }))).toEqual([
      'Оплаченный срок облачной лицензии закончился 13.06.2026: устройство TSD-1 осталось без лицензии и работает в демо-режиме. Продлите её ссылкой «Продлить».',
    ]);
    expect(licenseSentences(cloud({ status: 'expired' }))).toEqual(['Статус «Истекла»: лицензия больше не действует.']);
  });

  it('finds nothing to say of a free license with no date: it has no subscription yet', () => {
    expect(licenseSentences(checkOf({ status: 'free', deviceId: undefined, subscriptionEnd: 'none' }))).toEqual([]);
  });
});

describe('device sentences', () => {
  const cloudDevice = (licenses: License[]) => crossCheck(licenses, [device('TSD-9', 'cloud')], TODAY).devices[0]!;
  const paidUntil = (end: number) => license({ kind: 'cloud', deviceId: 'TSD-9', subscriptionEnd: end });

  it('says what is wrong with a cloud device', () => {
    const missing = cloudDevice([]);
    expect(deviceSentences(missing)).toEqual(['Устройство облачной базы без облачной лицензии: обратитесь в техподдержку «Клеверенс».']);
    expect(deviceSentence(cloudDevice([license({ kind: 'cloud', status: 'expired', deviceId: 'TSD-9' })]), 'cloud-license-expired'))
      .toBe('Облачная лицензия этого устройства истекла: без неё оно работает в демо-режиме.');
    expect(deviceSentences(cloudDevice([paidUntil(TODAY + 4)]))).toEqual([
      'Облачная лицензия этого устройства оплачена до 19.06.2026 — осталось 4 дня: затем оно перейдёт в демо-режим.',
    ]);
    expect(deviceSentences(cloudDevice([paidUntil(TODAY - 1)]))).toEqual(['Облачная лицензия этого устройства истекла: без неё оно работает в демо-режиме.']);
  });
});
