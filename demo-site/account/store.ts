/**
 * The accounts as they live in one running server: seeded for today on first
 * use, then changed by the user (a license unlinked from its device, a card
 * added on «Загрузить лицензии»). A new calendar day seeds afresh, so "ends in
 * 3 days" stays true on a server left running overnight; changes made the day
 * before are dropped with it.
 */
import { type Day, localToday, sameDayNextYear } from '../calendar.ts';
import type { LicenseCard } from '../cards.ts';
import { type AccountLogin, type SeededAccount, type SeededLicense, seedAccount } from '../seed.ts';

export interface AccountStore {
  account(login: AccountLogin): SeededAccount;
  /** «Отвязать от устройства»: the license becomes Свободная and can be activated elsewhere. */
  unlink(login: AccountLogin, licenseId: string): void;
  /** The account's license with this activation code, if it has one. */
  licenseWithCode(login: AccountLogin, code: string): SeededLicense | undefined;
  /**
   * A card added by its code or file: a main license, Свободная, dated today,
   * its update subscription running a year from today. It goes to the end of
   * the list, where the next id belongs (the list is in id order).
   */
  addCard(login: AccountLogin, card: LicenseCard): SeededLicense;
}

export function newAccountStore(now: () => Date = () => new Date()): AccountStore {
  const live = new Map<AccountLogin, { day: Day; account: SeededAccount }>();
  const account = (login: AccountLogin) => {
    const day = localToday(now());
    const known = live.get(login);
    if (known?.day === day) return known.account;
    const fresh = seedAccount(login, day);
    live.set(login, { day, account: fresh });
    return fresh;
  };
  return {
    account,
    unlink(login, licenseId) {
      const license = account(login).licenses.find((candidate) => candidate.id === licenseId);
      if (!license) return;
      license.status = 'free';
      delete license.deviceId;
    },
    licenseWithCode: (login, code) => account(login).licenses.find((license) => license.activationCode === code),
    addCard(login, card) {
      const { licenses } = account(login);
      const today = localToday(now());
      const lastId = licenses.reduce((last, license) => Math.max(last, Number(license.id)), 100_000);
      const license: SeededLicense = {
        id: String(lastId + 1),
        kind: card.kind,
        product: card.product,
        status: 'free',
        date: today,
        subscriptionEnd: sameDayNextYear(today),
        activationCode: card.code,
        codeKnown: true,
      };
      licenses.push(license);
      return license;
    },
  };
}
