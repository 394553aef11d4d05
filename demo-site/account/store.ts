/**
 * The accounts as they live in one running server: seeded for today on first
 * use, then changed by the user (a license unlinked from its device). A new
 * calendar day seeds afresh, so "ends in 3 days" stays true on a server left
 * running overnight; changes made the day before are dropped with it.
 */
import { type Day, localToday } from '../calendar.ts';
import { type AccountLogin, type SeededAccount, seedAccount } from '../seed.ts';

export interface AccountStore {
  account(login: AccountLogin): SeededAccount;
  /** «Отвязать от устройства»: the license becomes Свободная and can be activated elsewhere. */
  unlink(login: AccountLogin, licenseId: string): void;
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
  };
}
