// What changed in an account between two visits (utils/accounts/changes.ts),
// and how it is said (utils/accounts/change-text.ts): licenses added, removed,
// newly expired, renewed, moved or unlinked; devices added, removed or newly left
// without a cloud license; and nothing said where a list was not seen.
import { describe, expect, it, vi } from 'vitest';
import { accountChanges, hasChanges, NAMED_CHANGES, type AccountLists } from '@/utils/accounts/changes';
import { changeSentences, changesLine } from '@/utils/accounts/change-text';
import { dayNumber } from '@/utils/shared/dates';
import type { Device, License } from '@/utils/shared/records';

const { text: ru } = await vi.hoisted(async () => (await import('../locale-messages')).answerFromLocales());

/** The two visits: 3 and 7 December 2026 (local time), noon. */
const BEFORE_AT = new Date(2026, 11, 3, 12).getTime();
const AFTER_AT = new Date(2026, 11, 7, 12).getTime();
const BEFORE_DAY = dayNumber(2026, 12, 3)!;
const AFTER_DAY = dayNumber(2026, 12, 7)!;

const PC = 'WIN-H-4A5F39F07C114C76B6C958170C940A9D';
const OTHER_PC = 'WIN-H-00000000000000000000000000000001';
const PHONE = '@XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B';

const license = (fields: Partial<License> = {}): License => ({
  kind: 'main', product: 'Склад 15', status: 'activated', deviceId: PC, date: BEFORE_DAY - 300, subscriptionEnd: AFTER_DAY + 100, ...fields,
});
const device = (fields: Partial<Device> = {}): Device => ({
  id: PC, name: 'Касса 1', database: 'Склад Москва', connection: 'local', lastSeen: BEFORE_DAY, ...fields,
});

const before = (licenses?: License[], devices?: Device[]): AccountLists => ({ licenses, devices, day: BEFORE_DAY, at: BEFORE_AT });
const after = (licenses?: License[], devices?: Device[]): AccountLists => ({ licenses, devices, day: AFTER_DAY, at: AFTER_AT });

describe('accountChanges: licenses', () => {
  it('says when the earlier visit was and when the later one', () => {
    const changes = accountChanges(before([license()]), after([license()]));
    expect([changes.since, changes.at]).toEqual([BEFORE_AT, AFTER_AT]);
    expect(hasChanges(changes)).toBe(false);
  });

  it('names a license added and one no longer in the list', () => {
    const kept = license({ product: 'Магазин 15' });
    const gone = license({ product: 'Склад 15', deviceId: OTHER_PC });
    const added = license({ kind: 'cloud', product: 'ОБЛАКО Mobile SMARTS', deviceId: PHONE, subscriptionEnd: AFTER_DAY + 365 });
    const changes = accountChanges(before([kept, gone]), after([kept, added]));
    expect(changes.licensesAdded).toEqual({
      count: 1, first: [{ kind: 'cloud', product: 'ОБЛАКО Mobile SMARTS', deviceId: PHONE, subscriptionEnd: AFTER_DAY + 365 }],
    });
    expect(changes.licensesRemoved).toEqual({
      count: 1, first: [{ kind: 'main', product: 'Склад 15', deviceId: OTHER_PC, subscriptionEnd: AFTER_DAY + 100 }],
    });
    expect(hasChanges(changes)).toBe(true);
  });

  it('names a free license with no device without a device', () => {
    const free = license({ status: 'free', deviceId: undefined, subscriptionEnd: 'none' });
    const changes = accountChanges(before([]), after([free]));
    expect(changes.licensesAdded.first).toEqual([{ kind: 'main', product: 'Склад 15', subscriptionEnd: 'none' }]);
    expect(changes.licensesAdded.first[0]).not.toHaveProperty('deviceId');
  });

  it('takes a license whose status turned «Истекла» for newly expired', () => {
    const changes = accountChanges(before([license()]), after([license({ status: 'expired' })]));
    expect(changes.newlyExpired.count).toBe(1);
    expect(changes.newlyExpired.first[0]).toMatchObject({ product: 'Склад 15', deviceId: PC });
    expect(changes.licensesAdded.count + changes.licensesRemoved.count).toBe(0);
  });

  it('takes an activated license whose «До» day passed between the two visits for newly expired, not one that ends on the later visit\'s day', () => {
    const endedBetween = license({ product: 'Ended between', subscriptionEnd: AFTER_DAY - 1 });
    const endsThatDay = license({ product: 'Ends on the day', subscriptionEnd: AFTER_DAY });
    const changes = accountChanges(before([endedBetween, endsThatDay]), after([endedBetween, endsThatDay]));
    expect(changes.newlyExpired.first.map((each) => each.product)).toEqual(['Ended between']);
    // The first visit's own day: not ended on it either.
    const onFirstDay = license({ subscriptionEnd: BEFORE_DAY });
    expect(accountChanges(before([onFirstDay]), after([onFirstDay])).newlyExpired.count).toBe(1);
  });

  it('does not call a license newly expired when it had already ended at the earlier visit', () => {
    const expiredBoth = license({ product: 'Истекла both times', status: 'expired' });
    const endedBefore = license({ product: 'Ended before', subscriptionEnd: BEFORE_DAY - 1 });
    const turnedExpired = license({ product: 'Ended before, then «Истекла»', subscriptionEnd: BEFORE_DAY - 1 });
    const changes = accountChanges(
      before([expiredBoth, endedBefore, turnedExpired]),
      after([expiredBoth, endedBefore, { ...turnedExpired, status: 'expired' }]),
    );
    expect(changes.newlyExpired.count).toBe(0);
  });

  it('never takes an unknown or absent «До» day for an end', () => {
    const unknownEnd = license({ product: 'Unknown', subscriptionEnd: 'unknown' });
    const noEnd = license({ product: 'None', subscriptionEnd: 'none' });
    expect(accountChanges(before([unknownEnd, noEnd]), after([unknownEnd, noEnd])).newlyExpired.count).toBe(0);
  });

  it('names a license renewed (its «До» day later) with its earlier end, and not one whose «До» day moved earlier', () => {
    const renewed = license({ product: 'Renewed', subscriptionEnd: AFTER_DAY + 10 });
    const shortened = license({ product: 'Shortened', subscriptionEnd: AFTER_DAY + 300 });
    const changes = accountChanges(
      before([renewed, shortened]),
      after([{ ...renewed, subscriptionEnd: AFTER_DAY + 375 }, { ...shortened, subscriptionEnd: AFTER_DAY + 200 }]),
    );
    expect(changes.renewed).toEqual({
      count: 1,
      first: [{ kind: 'main', product: 'Renewed', deviceId: PC, subscriptionEnd: AFTER_DAY + 375, previousEnd: AFTER_DAY + 10 }],
    });
    // A renewal is not a license removed and another added.
    expect(changes.licensesAdded.count + changes.licensesRemoved.count).toBe(0);
  });

  it('names a license renewed after it had ended as renewed, not as expired', () => {
    const ended = license({ subscriptionEnd: BEFORE_DAY - 5 });
    const changes = accountChanges(before([ended]), after([{ ...ended, subscriptionEnd: AFTER_DAY + 360 }]));
    expect(changes.renewed.count).toBe(1);
    expect(changes.newlyExpired.count).toBe(0);
  });

  it('names a license moved to another device, with the device it was on', () => {
    const changes = accountChanges(before([license({ deviceId: PC })]), after([license({ deviceId: OTHER_PC })]));
    expect(changes.moved).toEqual({
      count: 1,
      first: [{ kind: 'main', product: 'Склад 15', deviceId: OTHER_PC, previousDeviceId: PC, subscriptionEnd: AFTER_DAY + 100 }],
    });
  });

  it('does not call a device id written with or without «@», or in other letters, a move', () => {
    const changes = accountChanges(
      before([license({ product: 'A', deviceId: PHONE }), license({ product: 'B', deviceId: PC })]),
      after([license({ product: 'A', deviceId: PHONE.slice(1).toLowerCase() }), license({ product: 'B', deviceId: ` ${PC.toLowerCase()} ` })]),
    );
    expect(changes.moved.count).toBe(0);
    expect(hasChanges(changes)).toBe(false);
  });

  it('names a license unlinked from its device («Отвязать от устройства») with the device it was on, not as moved', () => {
    const freed = license({ product: 'Freed', deviceId: PHONE });
    const changes = accountChanges(before([freed]), after([{ ...freed, status: 'free', deviceId: undefined }]));
    expect(changes.unlinked).toEqual({
      count: 1, first: [{ kind: 'main', product: 'Freed', previousDeviceId: PHONE, subscriptionEnd: AFTER_DAY + 100 }],
    });
    expect(changes.moved.count).toBe(0);
  });

  it('does not call a license bound for the first time moved or unlinked', () => {
    const bound = license({ product: 'Bound', status: 'free', deviceId: undefined });
    const changes = accountChanges(before([bound]), after([{ ...bound, status: 'activated', deviceId: OTHER_PC }]));
    expect(hasChanges(changes)).toBe(false);
  });

  it('does not see a change when the activation codes were shown at one visit and not at the other', () => {
    const changes = accountChanges(before([license()]), after([license({ activationCode: 'A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q' })]));
    expect(hasChanges(changes)).toBe(false);
  });

  it('tells two licenses alike in kind, product and date apart by their order in the list', () => {
    const first = license({ deviceId: PC, subscriptionEnd: AFTER_DAY + 20 });
    const second = license({ deviceId: OTHER_PC, subscriptionEnd: AFTER_DAY + 20 });
    const renewedSecond = accountChanges(before([first, second]), after([first, { ...second, subscriptionEnd: AFTER_DAY + 385 }]));
    expect(renewedSecond.renewed.count).toBe(1);
    expect(renewedSecond.renewed.first[0]).toMatchObject({ deviceId: OTHER_PC, previousEnd: AFTER_DAY + 20, subscriptionEnd: AFTER_DAY + 385 });
    expect(renewedSecond.moved.count + renewedSecond.licensesAdded.count + renewedSecond.licensesRemoved.count).toBe(0);

    const third = license({ deviceId: PHONE, subscriptionEnd: AFTER_DAY + 20 });
    const oneMore = accountChanges(before([first, second]), after([first, second, third]));
    expect(oneMore.licensesAdded).toEqual({ count: 1, first: [expect.objectContaining({ deviceId: PHONE })] });
    expect(oneMore.licensesRemoved.count).toBe(0);

    const oneLess = accountChanges(before([first, second]), after([first]));
    expect(oneLess.licensesRemoved).toEqual({ count: 1, first: [expect.objectContaining({ deviceId: OTHER_PC })] });
    expect(oneLess.licensesAdded.count).toBe(0);
  });

  it('names the first NAMED_CHANGES of a kind, in list order, and counts all of them', () => {
    const many = Array.from({ length: NAMED_CHANGES + 5 }, (_, n) => license({ product: `Склад ${n}` }));
    const changes = accountChanges(before([]), after(many));
    expect(changes.licensesAdded.count).toBe(NAMED_CHANGES + 5);
    expect(changes.licensesAdded.first.map((each) => each.product)).toEqual(many.slice(0, NAMED_CHANGES).map((each) => each.product));
    const gone = accountChanges(before(many), after([]));
    expect(gone.licensesRemoved.count).toBe(NAMED_CHANGES + 5);
    expect(gone.licensesRemoved.first).toHaveLength(NAMED_CHANGES);
  });
});

describe('accountChanges: devices', () => {
  it('names devices added and no longer in the list, as id, name and database', () => {
    const kept = device();
    const gone = device({ id: OTHER_PC, name: 'Касса 2' });
    const added = device({ id: PHONE, name: 'Xiaomi', database: 'Облако', connection: 'cloud' });
    const changes = accountChanges(before(undefined, [kept, gone]), after(undefined, [kept, added]));
    expect(changes.devicesAdded).toEqual({ count: 1, first: [{ id: PHONE, name: 'Xiaomi', database: 'Облако' }] });
    expect(changes.devicesRemoved).toEqual({ count: 1, first: [{ id: OTHER_PC, name: 'Касса 2', database: 'Склад Москва' }] });
  });

  it('takes a device id with or without «@», in any letters, for the same device', () => {
    const changes = accountChanges(
      before(undefined, [device({ id: PHONE })]),
      after(undefined, [device({ id: PHONE.slice(1).toLowerCase(), lastSeen: AFTER_DAY })]),
    );
    expect(hasChanges(changes)).toBe(false);
  });

  it('names a cloud device newly left without a cloud license: its only one removed', () => {
    const phone = device({ id: PHONE, name: 'Xiaomi', database: 'Облако', connection: 'cloud' });
    const cloud = license({ kind: 'cloud', product: 'ОБЛАКО Mobile SMARTS', deviceId: PHONE.slice(1) });
    const other = license();
    const changes = accountChanges(before([cloud, other], [phone, device()]), after([other], [phone, device()]));
    expect(changes.newlyMissingCloud).toEqual({ count: 1, first: [{ id: PHONE, name: 'Xiaomi', database: 'Облако' }] });
    expect(changes.licensesRemoved.count).toBe(1);
  });

  it('does not name a cloud device again that had no cloud license at the earlier visit either', () => {
    const phone = device({ id: PHONE, connection: 'cloud' });
    const changes = accountChanges(before([license()], [phone]), after([license(), license({ product: 'Магазин 15' })], [phone]));
    expect(changes.newlyMissingCloud.count).toBe(0);
  });

  it('does not take a cloud license that only ended for one missing (that is told as newly expired)', () => {
    const phone = device({ id: PHONE, connection: 'cloud' });
    const cloud = license({ kind: 'cloud', deviceId: PHONE });
    const changes = accountChanges(before([cloud], [phone]), after([{ ...cloud, status: 'expired' }], [phone]));
    expect(changes.newlyMissingCloud.count).toBe(0);
    expect(changes.newlyExpired.count).toBe(1);
  });

  it('names a new cloud device that came with no cloud license', () => {
    const phone = device({ id: PHONE, connection: 'cloud' });
    const changes = accountChanges(before([license()], [device()]), after([license()], [device(), phone]));
    expect(changes.newlyMissingCloud.first.map((each) => each.id)).toEqual([PHONE]);
    expect(changes.devicesAdded.count).toBe(1);
  });
});

describe('accountChanges with a list not seen at one of the visits', () => {
  const phone = device({ id: PHONE, connection: 'cloud' });
  const cloud = license({ kind: 'cloud', deviceId: PHONE });

  it('says nothing of licenses when the licenses list is unknown at either visit', () => {
    expect(hasChanges(accountChanges(before(undefined, [device()]), after([license()], [device()])))).toBe(false);
    expect(hasChanges(accountChanges(before([license()], [device()]), after(undefined, [device()])))).toBe(false);
  });

  it('says nothing of devices when the devices list is unknown at either visit', () => {
    expect(hasChanges(accountChanges(before([license()]), after([license()], [device()])))).toBe(false);
    expect(hasChanges(accountChanges(before([license()], [device()]), after([license()])))).toBe(false);
  });

  it('says no cloud device is newly missing its license unless both lists were seen at both visits', () => {
    // The same change (the phone's only cloud license removed) with one list unknown somewhere.
    expect(accountChanges(before([cloud]), after([], [phone])).newlyMissingCloud.count).toBe(0);
    expect(accountChanges(before([cloud], [phone]), after(undefined, [phone])).newlyMissingCloud.count).toBe(0);
    expect(accountChanges(before(undefined, [phone]), after([], [phone])).newlyMissingCloud.count).toBe(0);
    expect(accountChanges(before([cloud], [phone]), after([], [phone])).newlyMissingCloud.count).toBe(1);
  });
});

describe('changesLine and changeSentences', () => {
  it('says in one line what changed since the earlier visit, by kind, in Russian', () => {
    const renewed = license({ product: 'Renewed', subscriptionEnd: AFTER_DAY + 10 });
    const changes = accountChanges(
      before([renewed]),
      after([{ ...renewed, subscriptionEnd: AFTER_DAY + 375 }, license({ product: 'Новая 1' }), license({ product: 'Новая 2' })]),
    );
    expect(changesLine(changes)).toBe('С 3 декабря: лицензий добавлено: 2; продлено: 1');
  });

  it('says that nothing changed since the earlier visit', () => {
    const changes = accountChanges(before([license()], [device()]), after([license()], [device()]));
    expect(changesLine(changes)).toBe('С 3 декабря ничего не изменилось');
    expect(changesLine(changes)).toBe(ru('changesNone').replace('$1', '3 декабря'));
    expect(changeSentences(changes)).toEqual([]);
  });

  it('names each change in a line of its own, kinds in a fixed order, with how many more were not named', () => {
    const renewed = license({ product: 'Склад 15', deviceId: PC, subscriptionEnd: dayNumber(2026, 12, 10)! });
    const moved = license({ product: 'Магазин 15', deviceId: PC });
    const unlinked = license({ product: 'Склад 17', deviceId: PHONE });
    const many = Array.from({ length: NAMED_CHANGES + 3 }, (_, n) => license({ product: `Новая ${n}`, deviceId: undefined, status: 'free', subscriptionEnd: 'none' }));
    const gone = device({ id: OTHER_PC, name: 'Касса 2' });
    const changes = accountChanges(
      before([renewed, moved, unlinked], [device(), gone]),
      after([...many, { ...renewed, subscriptionEnd: dayNumber(2027, 12, 10)! }, { ...moved, deviceId: OTHER_PC }, { ...unlinked, status: 'free', deviceId: undefined }], [device()]),
    );
    const sentences = changeSentences(changes);
    expect(sentences.map((each) => each.kind)).toEqual(['licensesAdded', 'renewed', 'moved', 'unlinked', 'devicesRemoved']);
    expect(sentences[0]).toMatchObject({ title: 'лицензий добавлено: 23', more: 3 });
    expect(sentences[0]!.lines).toHaveLength(NAMED_CHANGES);
    expect(sentences[0]!.lines[0]).toBe('Новая 0, до —');
    expect(sentences[1]).toEqual({ kind: 'renewed', title: 'продлено: 1', lines: [`Склад 15 (${PC}): до 10.12.2026 → до 10.12.2027`], more: 0 });
    expect(sentences[2]).toEqual({ kind: 'moved', title: 'перенесено на другое устройство: 1', lines: [`Магазин 15: ${PC} → ${OTHER_PC}`], more: 0 });
    expect(sentences[3]).toEqual({ kind: 'unlinked', title: 'отвязано от устройства: 1', lines: [`Склад 17: было на ${PHONE}`], more: 0 });
    expect(sentences[4]).toEqual({ kind: 'devicesRemoved', title: 'устройств больше нет в списке: 1', lines: [`Касса 2 (${OTHER_PC}, Склад Москва)`], more: 0 });
    expect(changesLine(changes)).toBe(
      'С 3 декабря: лицензий добавлено: 23; продлено: 1; перенесено на другое устройство: 1; отвязано от устройства: 1; устройств больше нет в списке: 1',
    );
  });

  it('names a license added or expired with its device and «До» day', () => {
    const ending = license({ product: 'Склад 15', deviceId: PC, subscriptionEnd: AFTER_DAY - 1 });
    const changes = accountChanges(before([ending]), after([ending, license({ product: 'Магазин 15', deviceId: OTHER_PC, subscriptionEnd: dayNumber(2027, 1, 31)! })]));
    const sentences = changeSentences(changes);
    expect(sentences.map((each) => [each.kind, each.lines])).toEqual([
      ['licensesAdded', [`Магазин 15 (${OTHER_PC}), до 31.01.2027`]],
      ['newlyExpired', [`Склад 15 (${PC}), до 06.12.2026`]],
    ]);
  });
});
