// The background loop of a bulk upload (utils/upload/job-runner.ts), driven against a
// fake account that counts what reaches it, with faults switched on: lost
// answers, 429, an expiring session, a closed tab. Time is a fake clock that
// only the runner's sleeps and the fake's requests move, so 200 items with
// back-offs run in microtasks.
import { describe, expect, it } from 'vitest';
import { createJob, loadFile, loadJob, saveJob, type KeptFile } from '@/utils/upload/job-store';
import { jobRunner, type JobRunnerDeps, type UploadDriver } from '@/utils/upload/job-runner';
import {
  jobCounts, LAND_GRACE_MS, MAX_BUSY, requestIdOf, type JobItem, type LookUpAnswer, type SiteAnswer, type UploadJob,
} from '@/utils/upload/upload-job';

const NOW = 1_750_000_000_000;
const ORIGIN = 'https://lk.cleverence.ru';
const LOGIN = 'partner@example.ru';
const TAB = 101;
/** How long one request takes on the fake clock. */
const REQUEST_MS = 50;

const PRODUCT = 'Mobile SMARTS: Склад 15, ПОЛНЫЙ';
const addedMessage = (code: string) => `Лицензия «${PRODUCT}» с кодом активации ${code} добавлена в личный кабинет.`;
const presentMessage = (code: string) => `Лицензия с кодом активации ${code} уже есть в личном кабинете.`;
const unknownMessage = (code: string) => `Код активации ${code} не найден. Проверьте, правильно ли он введён.`;

/** A code the vendor issued (good) or one nobody did (bad). */
const goodCode = (n: number) => `K${String(n).padStart(4, '0')}-D3E4F-G5H6J-K7L8M-N9P0Q`;
const badCode = (n: number) => `Z${String(n).padStart(4, '0')}-D3E4F-G5H6J-K7L8M-N9P0Q`;

const licenseFile = (code: string) => new TextEncoder().encode([
  '<?xml version="1.0" encoding="utf-8"?>',
  '<LicenseCard xmlns="urn:cleverence:license-card:1" version="1">',
  `  <Product>${PRODUCT}</Product>`,
  `  <ActivationCode>${code}</ActivationCode>`,
  '</LicenseCard>',
].join('\r\n'));

/** The account's server reads the code from the bytes it is sent, as the real one would. */
const codeInFile = (file: KeptFile) => /<ActivationCode>([^<]+)<\/ActivationCode>/.exec(new TextDecoder().decode(file.bytes))?.[1];

interface Entry {
  code: string;
  way: 'code' | 'file';
  good: boolean;
}

/** 200 items: one in ten is a code nobody issued, one in eight is sent as a file. */
function mixOf(count: number): Entry[] {
  return Array.from({ length: count }, (_, n) => ({
    code: n % 10 === 3 ? badCode(n) : goodCode(n),
    way: n % 8 === 5 ? 'file' : 'code',
    good: n % 10 !== 3,
  }));
}

function newJob(id: string, entries: Entry[], fields: Partial<UploadJob> = {}): { job: UploadJob; files: Omit<KeptFile, 'jobId'>[] } {
  const items = entries.map((entry, index): JobItem => ({
    index, way: entry.way, label: entry.way === 'file' ? `license-${index}.xml` : entry.code, code: entry.code, outcome: 'queued', attempts: 0,
  }));
  const files = entries.flatMap((entry, index) => (entry.way === 'file' ? [{ index, name: `license-${index}.xml`, bytes: licenseFile(entry.code) }] : []));
  const job: UploadJob = {
    id, tabId: TAB, origin: ORIGIN, login: LOGIN, uploadUrl: `${ORIGIN}/licenses/upload`, createdAt: NOW, state: 'running', items, ...fields,
  };
  return { job, files };
}

/** Jobs and files in memory, copied in and out as IndexedDB would. */
function memoryStore() {
  const jobs = new Map<string, UploadJob>();
  const files = new Map<string, KeptFile>();
  return {
    async loadJob(id: string) {
      const job = jobs.get(id);
      return job && structuredClone(job);
    },
    async saveJob(job: UploadJob) {
      jobs.set(job.id, structuredClone(job));
    },
    async loadFile(jobId: string, index: number) {
      const file = files.get(`${jobId}/${index}`);
      return file && structuredClone(file);
    },
    async createJob(job: UploadJob, kept: ReadonlyArray<Omit<KeptFile, 'jobId'>>) {
      jobs.set(job.id, structuredClone(job));
      for (const file of kept) files.set(`${job.id}/${file.index}`, structuredClone({ ...file, jobId: job.id }));
    },
  };
}

type Store = JobRunnerDeps['store'] & { createJob(job: UploadJob, files: ReadonlyArray<Omit<KeptFile, 'jobId'>>): Promise<void> };

interface Faults {
  /** Every Nth request is carried out, then the connection drops: the answer is lost. */
  dropAnswerEvery?: number;
  /** Every Nth request is lost on its way: not carried out, and no answer either. */
  dropRequestEvery?: number;
  /** Every Nth request is refused with 429 (not carried out). */
  busyEvery?: number;
  /** The Retry-After of a 429. */
  retryAfterMs?: number;
  /** The session expires once this many requests were made since the last log-in: the log-in page comes back instead. */
  expireAfter?: number;
  /** The account's tab is closed once this many requests were made. */
  closeTabAfter?: number;
}

interface Clock {
  now: number;
  sleeps: number[];
}

/**
 * The account's server and the driver that reaches it through a tab. It
 * counts every request per code, and every request it carried out per code.
 */
function fakeAccount(issued: ReadonlySet<string>, faults: Faults, clock: Clock) {
  const inAccount = new Set<string>();
  /** Every request that reached the network, per code. */
  const requests = new Map<string, number>();
  /** Every request the account acted on (added or refused the code), per code. */
  const carriedOut = new Map<string, number>();
  /** Answers the driver never saw, per code. */
  const answersLost = new Map<string, number>();
  /** Requests lost on their way, never carried out, per code. */
  const requestsLost = new Map<string, number>();
  const calls: Array<{ call: 'submit' | 'lookUp' | 'recall'; index: number; tabId: number }> = [];
  /** The requests the tab's page has sent, by id, with their answers to come: a reload forgets them. */
  const pageRequests = new Map<string, Promise<SiteAnswer>>();
  /** A request the server is still working on: it lands (is carried out) at `at` on the fake clock. */
  let landing: { code: string; index: number; at: number } | undefined;
  /** Items whose answer was lost and that the runner has not looked up yet: sending one of them again is a fault of the runner. */
  const unresolved = new Set<number>();
  const violations: string[] = [];
  const openTabs = new Set([TAB]);
  let loggedIn = true;
  let sinceLogIn = 0;
  let requestCount = 0;
  let hold: { carryOut: boolean | { afterMs: number }; answer?: SiteAnswer; reached: () => void; released: Promise<void> } | undefined;

  const bump = (counts: Map<string, number>, code: string) => counts.set(code, (counts.get(code) ?? 0) + 1);

  function carryOut(code: string): SiteAnswer {
    bump(carriedOut, code);
    if (inAccount.has(code)) return { kind: 'rejected', message: presentMessage(code), present: true };
    if (!issued.has(code)) return { kind: 'rejected', message: unknownMessage(code) };
    inAccount.add(code);
    return { kind: 'added', message: addedMessage(code) };
  }

  function guard() {
    if (calls.length > 20_000) throw new Error('runaway: the runner keeps calling the driver');
  }

  /** The request still at the server lands once the clock has passed its time. */
  function landIfDue() {
    if (landing && clock.now >= landing.at) {
      carryOut(landing.code);
      landing = undefined;
    }
  }

  const driver: UploadDriver = {
    submit(job, item, file) {
      const answer = send(job, item, file);
      pageRequests.set(requestIdOf(job, item), answer);
      return answer;
    },

    async lookUp(job, item, how): Promise<LookUpAnswer> {
      calls.push({ call: how === 'recall' ? 'recall' : 'lookUp', index: item.index, tabId: job.tabId });
      guard();
      if (!openTabs.has(job.tabId)) return { kind: 'tab-closed' };
      const sent = await pageRequests.get(requestIdOf(job, item));
      // As the driver: an answer that says nothing of the item's fate sends a look-up on to the list.
      if (sent && (how === 'recall' || sent.kind !== 'unsure')) return { kind: 'answered', answer: sent };
      if (how === 'recall') return { kind: 'unknown-request' };
      clock.now += REQUEST_MS;
      if (!loggedIn) return { kind: 'logged-out' };
      landIfDue();
      if (landing?.index === item.index) violations.push(`item ${item.index} looked up while its request could still land`);
      unresolved.delete(item.index);
      return inAccount.has(item.code) ? { kind: 'found' } : { kind: 'absent' };
    },
  };

  async function send(job: UploadJob, item: JobItem, file: KeptFile | undefined): Promise<SiteAnswer> {
    {
      calls.push({ call: 'submit', index: item.index, tabId: job.tabId });
      guard();
      if (unresolved.has(item.index)) violations.push(`item ${item.index} sent again while in doubt, before it was looked up`);
      if (item.way === 'file' && !file) violations.push(`item ${item.index} sent as a file without its bytes`);
      if (!openTabs.has(job.tabId)) return { kind: 'tab-closed' };
      const code = item.way === 'file' ? codeInFile(file!)! : item.code;
      requestCount += 1;
      bump(requests, code);
      clock.now += REQUEST_MS;
      if (faults.closeTabAfter === requestCount) openTabs.delete(job.tabId);
      landIfDue();
      if (hold) {
        const held = hold;
        hold = undefined;
        if (typeof held.carryOut === 'object') landing = { code, index: item.index, at: clock.now + held.carryOut.afterMs };
        const answer = held.carryOut === true ? carryOut(code) : undefined;
        held.reached();
        await held.released;
        return held.answer ?? answer ?? { kind: 'unsure', detail: 'net::ERR_CONNECTION_RESET' };
      }
      if (loggedIn && faults.expireAfter !== undefined && sinceLogIn >= faults.expireAfter) loggedIn = false;
      if (!loggedIn) return { kind: 'logged-out' };
      sinceLogIn += 1;
      if (faults.busyEvery && requestCount % faults.busyEvery === 0) return { kind: 'busy', retryAfterMs: faults.retryAfterMs };
      if (faults.dropRequestEvery && requestCount % faults.dropRequestEvery === 0) {
        bump(requestsLost, code);
        unresolved.add(item.index);
        return { kind: 'unsure', detail: 'net::ERR_CONNECTION_RESET' };
      }
      const answer = carryOut(code);
      if (faults.dropAnswerEvery && requestCount % faults.dropAnswerEvery === 0) {
        bump(answersLost, code);
        unresolved.add(item.index);
        return { kind: 'unsure', detail: 'net::ERR_CONNECTION_RESET' };
      }
      return answer;
    }
  }

  return {
    driver, inAccount, requests, carriedOut, answersLost, requestsLost, calls, violations, openTabs,
    get requestCount() {
      return requestCount;
    },
    logIn() {
      loggedIn = true;
      sinceLogIn = 0;
    },
    /** The tab's page reloads: the requests it had out are cut off (the server may still be at one), and forgotten. */
    reloadPage() {
      pageRequests.clear();
    },
    /**
     * The next request stays out until released: carried out on the server
     * first (its answer on the way back), carried out `afterMs` later on the
     * fake clock (the server still at it), or never reaching it; then
     * answered as the account would, or with `answer`.
     */
    holdNext(carryOut: boolean | { afterMs: number }, answer?: SiteAnswer) {
      let release!: () => void;
      let reached!: () => void;
      const released = new Promise<void>((done) => (release = done));
      const whenReached = new Promise<void>((done) => (reached = done));
      hold = { carryOut, answer, reached, released };
      return { reached: whenReached, release };
    },
  };
}

type Account = ReturnType<typeof fakeAccount>;

/** A job in a store, a fake account, a fake clock and a runner over them. */
/**
 * Most tests run the runner one request at a time (`lanes: 1`), where the order
 * of every call can be asserted; the runs at the end take the extension's own
 * two lanes, where only the outcome and the invariants can be.
 */
async function setUp(entries: Entry[], faults: Faults = {}, options: { store?: Store; id?: string; preAdded?: string[]; lanes?: number } = {}) {
  const clock: Clock = { now: NOW, sleeps: [] };
  const issued = new Set(entries.filter((entry) => entry.good).map((entry) => entry.code));
  const account = fakeAccount(issued, faults, clock);
  for (const code of options.preAdded ?? []) account.inAccount.add(code);
  const store = options.store ?? memoryStore();
  const id = options.id ?? 'job-1';
  const { job, files } = newJob(id, entries);
  await store.createJob(job, files);
  const told: UploadJob[] = [];
  /** Changes told as not written (storage full). */
  const unsaved: UploadJob[] = [];
  let stops: Array<(job: UploadJob) => void> = [];
  const deps = (driver: UploadDriver): JobRunnerDeps => ({
    driver,
    store,
    lanes: options.lanes ?? 1,
    changed(changed, how) {
      told.push(changed);
      if (how?.unsaved) unsaved.push(changed);
      if (changed.state === 'running') return;
      const waiting = stops;
      stops = [];
      for (const stop of waiting) stop(changed);
    },
    now: () => clock.now,
    async sleep(ms) {
      clock.sleeps.push(ms);
      clock.now += ms;
      if (clock.now > NOW + 24 * 3_600_000) throw new Error('runaway: a day of fake time went by');
    },
  });
  const runner = jobRunner(deps(account.driver));
  return {
    id, store, clock, account, runner, told, unsaved, deps,
    load: async () => (await store.loadJob(id))!,
    /** The next time the job stops running (paused, finished, cancelled), as the runner tells it. */
    nextStop: () => new Promise<UploadJob>((done) => stops.push(done)),
  };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

/**
 * Drives the job to its end, doing what a person would at each pause: log in
 * again, or open the account in a new tab, and press Resume.
 */
async function runToEnd(setup: Setup, newTabs: number[] = []): Promise<{ job: UploadJob; pauses: string[] }> {
  const pauses: string[] = [];
  await setup.runner.drive(setup.id);
  for (;;) {
    const job = await setup.load();
    if (job.state !== 'paused') return { job, pauses };
    pauses.push(job.pause!);
    if (pauses.length > 50) throw new Error(`paused again and again: ${pauses.join(', ')}`);
    let tabId: number | undefined;
    if (job.pause === 'session-expired') setup.account.logIn();
    if (job.pause === 'tab-closed') {
      tabId = newTabs.shift();
      if (tabId !== undefined) setup.account.openTabs.add(tabId);
    }
    await setup.runner.control(setup.id, 'resume', tabId);
    // The resumed job's drive, to its next stop (drive() while driving hands back the drive under way).
    await setup.runner.drive(setup.id);
  }
}

/** What every run must end with: every good code added once, every bad one refused with the site's words. */
function expectEveryItemSettled(job: UploadJob, entries: Entry[], account: Account) {
  expect(account.violations).toEqual([]);
  expect(job.state).toBe('finished');
  job.items.forEach((item, index) => {
    const { code, good } = entries[index]!;
    if (good) {
      expect.soft(item, code).toMatchObject({ outcome: 'added' });
      // The site's words when its answer was seen; what the list showed when it was lost.
      expect.soft(item.message === addedMessage(code) || item.note === 'found-in-list', `${code}: ${item.message} ${item.note}`).toBe(true);
      expect.soft(account.carriedOut.get(code), `${code} carried out`).toBe(1);
    } else {
      expect.soft(item, code).toMatchObject({ outcome: 'rejected', message: unknownMessage(code) });
      // A refusal is never sent again unless its answer was lost (the list cannot show a refused code).
      expect.soft(account.carriedOut.get(code), `${code} carried out`).toBe(1 + (account.answersLost.get(code) ?? 0));
    }
  });
  const goodCount = entries.filter((entry) => entry.good).length;
  expect(jobCounts(job)).toMatchObject({ added: goodCount, rejected: entries.length - goodCount, failed: 0, queued: 0, sending: 0 });
  expect([...account.inAccount].sort()).toEqual(entries.filter((entry) => entry.good).map((entry) => entry.code).sort());
}

describe('a job of 200 items against an account that misbehaves', () => {
  const entries = mixOf(200);

  it('with nothing going wrong: each code is sent exactly once, with no wait', async () => {
    const setup = await setUp(entries);
    const { job, pauses } = await runToEnd(setup);
    expectEveryItemSettled(job, entries, setup.account);
    expect(pauses).toEqual([]);
    expect(setup.account.requestCount).toBe(200);
    expect([...setup.account.requests.values()].every((count) => count === 1)).toBe(true);
    expect(setup.clock.sleeps).toEqual([]);
    expect(setup.told.at(-1)).toMatchObject({ state: 'finished' });
  });

  it('every 7th answer lost after the code was added: looked up, found, never sent again', async () => {
    const setup = await setUp(entries, { dropAnswerEvery: 7 });
    const { job } = await runToEnd(setup);
    expectEveryItemSettled(job, entries, setup.account);
    const lostGood = entries.filter((entry) => entry.good && setup.account.answersLost.has(entry.code));
    expect(lostGood.length).toBeGreaterThan(15);
    for (const { code } of lostGood) {
      expect(setup.account.requests.get(code)).toBe(1);
      expect(job.items.find((item) => item.code === code)).toMatchObject({ outcome: 'added', note: 'found-in-list' });
    }
    // Every look-up is of an item whose last call was its own lost submit: it was never sent again while in doubt.
    setup.account.calls.forEach((call, at) => {
      if (call.call !== 'lookUp') return;
      const before = setup.account.calls.slice(0, at).findLast((earlier) => earlier.index === call.index);
      expect(before).toMatchObject({ call: 'submit', index: call.index });
    });
  });

  it('every 9th request lost before it reached the account: looked up, absent, sent again once', async () => {
    const setup = await setUp(entries, { dropRequestEvery: 9 });
    const { job } = await runToEnd(setup);
    expectEveryItemSettled(job, entries, setup.account);
    const resent = [...setup.account.requests].filter(([, count]) => count > 1);
    expect(resent.length).toBeGreaterThan(15);
    // Sent once more for each time it was lost on the way (a resend may be lost too), carried out once.
    expect(resent.every(([code, count]) => count === 1 + setup.account.requestsLost.get(code)!)).toBe(true);
  });

  it('429 on every 5th request with Retry-After: waits what the server said, nothing carried out twice', async () => {
    const setup = await setUp(entries, { busyEvery: 5, retryAfterMs: 3_000 });
    const { job } = await runToEnd(setup);
    expectEveryItemSettled(job, entries, setup.account);
    expect(setup.account.requestCount).toBeGreaterThan(240);
    // Waits come in slices of at most a second, so that a pause is noticed.
    expect(Math.max(...setup.clock.sleeps)).toBeLessThanOrEqual(1_000);
  });

  it('429 on every 7th request with the default back-off: all good codes added in the end', async () => {
    const setup = await setUp(entries, { busyEvery: 7 });
    const { job } = await runToEnd(setup);
    expectEveryItemSettled(job, entries, setup.account);
    // A 429 was not carried out: it cost no try, and is counted apart.
    expect(job.items.every((item) => item.attempts === 1)).toBe(true);
    const busy = job.items.reduce((sum, item) => sum + (item.busy ?? 0), 0);
    expect(busy).toBe(Math.floor(setup.account.requestCount / 7));
    expect(busy).toBeGreaterThan(25);
  });

  it('the session expires after every 60 requests: pauses, and after a log-in and Resume sends nothing twice', async () => {
    const setup = await setUp(entries, { expireAfter: 60 });
    const { job, pauses } = await runToEnd(setup);
    expectEveryItemSettled(job, entries, setup.account);
    expect(pauses).toEqual(['session-expired', 'session-expired', 'session-expired']);
    // The log-in page's answers gave their attempt back: every item shows the one try that counted.
    expect(job.items.every((item) => item.attempts === 1)).toBe(true);
  });

  it('all of it at once: lost answers, lost requests, 429 and an expiring session', async () => {
    const setup = await setUp(entries, { dropAnswerEvery: 7, dropRequestEvery: 11, busyEvery: 13, retryAfterMs: 2_000, expireAfter: 45 });
    const { job, pauses } = await runToEnd(setup);
    expectEveryItemSettled(job, entries, setup.account);
    expect(pauses.length).toBeGreaterThanOrEqual(4);
    expect(new Set(pauses)).toEqual(new Set(['session-expired']));
  });

  it('the tab is closed mid-job: pauses, and Resume from a new tab moves the job there', async () => {
    const setup = await setUp(entries, { closeTabAfter: 80, dropAnswerEvery: 17 });
    await setup.runner.drive(setup.id);
    const paused = await setup.load();
    expect(paused).toMatchObject({ state: 'paused', pause: 'tab-closed', tabId: TAB });
    expect(setup.account.requestCount).toBe(80);
    expect(jobCounts(paused).queued).toBeGreaterThanOrEqual(120);

    // Resume with no tab to go to: paused again, nothing sent.
    let stopped = setup.nextStop();
    await setup.runner.control(setup.id, 'resume');
    expect(await stopped).toMatchObject({ state: 'paused', pause: 'tab-closed' });
    expect(setup.account.requestCount).toBe(80);

    const callsBefore = setup.account.calls.length;
    setup.account.openTabs.add(202);
    stopped = setup.nextStop();
    await setup.runner.control(setup.id, 'resume', 202);
    const job = await stopped;
    expect(job.tabId).toBe(202);
    expectEveryItemSettled(job, entries, setup.account);
    expect(setup.account.calls.slice(callsBefore).every((call) => call.tabId === 202)).toBe(true);
  });
});

describe('a job of 200 items in the extension\'s two lanes (two requests out at once)', () => {
  const entries = mixOf(200);
  const mixes: Array<[string, Faults]> = [
    ['nothing going wrong', {}],
    ['every 7th answer lost after the code was added', { dropAnswerEvery: 7 }],
    ['every 9th request lost before it reached the account', { dropRequestEvery: 9 }],
    ['429 on every 7th request', { busyEvery: 7 }],
    ['the session expiring after every 60 requests', { expireAfter: 60 }],
    ['all of it at once', { dropAnswerEvery: 11, dropRequestEvery: 13, busyEvery: 17, expireAfter: 70 }],
  ];
  for (const [name, faults] of mixes) {
    it(`${name}: every good code added once, every bad one refused, nothing sent again while in doubt`, async () => {
      const setup = await setUp(entries, faults, { lanes: 2 });
      const { job } = await runToEnd(setup);
      expectEveryItemSettled(job, entries, setup.account);
    });
  }

  it('keeps two requests out at once, never more', async () => {
    const setup = await setUp(entries, {}, { lanes: 2 });
    let out = 0;
    let most = 0;
    const counting: UploadDriver = {
      async submit(job, item, file) {
        most = Math.max(most, ++out);
        // A request takes a while: the other lane gets to send its own meanwhile.
        await new Promise((done) => setTimeout(done, 1));
        const answer = await setup.account.driver.submit(job, item, file);
        out -= 1;
        return answer;
      },
      lookUp: setup.account.driver.lookUp,
    };
    await jobRunner(setup.deps(counting)).drive(setup.id);
    expectEveryItemSettled(await setup.load(), entries, setup.account);
    expect(most).toBe(2);
  });
});

describe('jobRunner', () => {
  const three = mixOf(3);

  it('a pause pressed while a request is out is not overwritten by its answer', async () => {
    const setup = await setUp(three);
    const held = setup.account.holdNext(true);
    const driving = setup.runner.drive(setup.id);
    await held.reached;
    expect(await setup.runner.control(setup.id, 'pause')).toMatchObject({ state: 'paused', pause: 'user' });
    held.release();
    await driving;

    const job = await setup.load();
    expect(job).toMatchObject({ state: 'paused', pause: 'user' });
    expect(job.items.map((item) => item.outcome)).toEqual(['added', 'queued', 'queued']);
    expect(job.items[0]!.message).toBe(addedMessage(three[0]!.code));
    expect(setup.account.requestCount).toBe(1);

    const stopped = setup.nextStop();
    await setup.runner.control(setup.id, 'resume');
    expectEveryItemSettled(await stopped, three, setup.account);
    expect(setup.account.requestCount).toBe(3);
  });

  it('a pause pressed while a request is out stays the user\'s when the answer is the log-in page', async () => {
    // A pause for the session is one the background lifts by itself once the
    // tab loads a page again (utils/upload/upload-service.ts); the user's is not.
    const setup = await setUp(three);
    const held = setup.account.holdNext(false, { kind: 'logged-out' });
    const driving = setup.runner.drive(setup.id);
    await held.reached;
    await setup.runner.control(setup.id, 'pause');
    held.release();
    await driving;

    const job = await setup.load();
    expect(job.items[0]).toMatchObject({ outcome: 'queued', attempts: 0 });
    expect(job).toMatchObject({ state: 'paused', pause: 'user' });
  });

  it('a cancel pressed while a request is out records its answer and sends nothing more', async () => {
    const setup = await setUp(three);
    const held = setup.account.holdNext(true);
    const driving = setup.runner.drive(setup.id);
    await held.reached;
    await setup.runner.control(setup.id, 'cancel');
    held.release();
    await driving;

    const job = await setup.load();
    expect(job.state).toBe('cancelled');
    expect(job.items.map((item) => [item.outcome, item.note])).toEqual([['added', undefined], ['skipped', 'cancelled'], ['skipped', 'cancelled']]);
    expect(setup.account.requestCount).toBe(1);
  });

  it('two drive() calls and a Resume at once for one job send each item once', async () => {
    const setup = await setUp(mixOf(20), { dropAnswerEvery: 4 });
    await Promise.all([setup.runner.drive(setup.id), setup.runner.drive(setup.id), setup.runner.control(setup.id, 'resume')]);
    const job = await setup.load();
    expectEveryItemSettled(job, mixOf(20), setup.account);
    // One submit per item, and one more for each refusal whose answer was lost (the list cannot show a refused code).
    const lostRefusals = mixOf(20).filter((entry) => !entry.good && setup.account.answersLost.has(entry.code)).length;
    expect(setup.account.calls.filter((call) => call.call === 'submit')).toHaveLength(20 + lostRefusals);
  });

  it('an item refused with 429 at every try fails after MAX_BUSY, and retry-failed sends it again', async () => {
    const setup = await setUp(three);
    const busyFor = (code: string): UploadDriver => ({
      submit: async (job, item, file) => (item.code === code ? { kind: 'busy' } : setup.account.driver.submit(job, item, file)),
      lookUp: setup.account.driver.lookUp,
    });
    await jobRunner(setup.deps(busyFor(three[1]!.code))).drive(setup.id);
    const failed = await setup.load();
    expect(failed.state).toBe('finished');
    expect(failed.items[1]).toMatchObject({ outcome: 'failed', note: 'busy', busy: MAX_BUSY, attempts: 0 });
    // Backed off 1, 2, 4, 8, 16 s, then 32 s four times (less the 50 ms item 2 took), a second at a time.
    expect(setup.clock.sleeps.reduce((sum, ms) => sum + ms, 0)).toBe(159_000 - 50);
    expect(Math.max(...setup.clock.sleeps)).toBe(1_000);

    const stopped = setup.nextStop();
    await setup.runner.control(setup.id, 'retry-failed');
    const job = await stopped;
    expectEveryItemSettled(job, three, setup.account);
    expect(job.items[1]).toMatchObject({ outcome: 'added', attempts: 1 });
  });

  it('the tab showing another account pauses the job before anything is sent', async () => {
    const setup = await setUp(three);
    const otherAccount: UploadDriver = {
      submit: async () => ({ kind: 'other-account', login: 'someone@else.ru' }),
      lookUp: setup.account.driver.lookUp,
    };
    const runner = jobRunner(setup.deps(otherAccount));
    await runner.drive(setup.id);
    const job = await setup.load();
    expect(job).toMatchObject({ state: 'paused', pause: 'other-account', pauseDetail: 'someone@else.ru' });
    expect(job.items.map((item) => [item.outcome, item.attempts])).toEqual([['queued', 0], ['queued', 0], ['queued', 0]]);
  });

  it('an item already in the account is refused with the site\'s words and noted present', async () => {
    const setup = await setUp(three, {}, { preAdded: [three[1]!.code] });
    const { job } = await runToEnd(setup);
    expect(job.items[1]).toMatchObject({ outcome: 'rejected', message: presentMessage(three[1]!.code), note: 'present' });
    expect(job.items[0]!.outcome).toBe('added');
  });

  it('retry-failed after a cancel looks the item that was out up, and does not send it again', async () => {
    const setup = await setUp(three);
    const held = setup.account.holdNext(true);
    // The answer never comes back (the tab reloaded): this drive stays waiting for it.
    void setup.runner.drive(setup.id);
    await held.reached;
    setup.account.reloadPage();
    await setup.runner.control(setup.id, 'cancel');
    const stuck = await setup.load();
    expect(stuck.items[0]).toMatchObject({ outcome: 'failed', inDoubt: true });

    const restarted = jobRunner(setup.deps(setup.account.driver));
    const stopped = setup.nextStop();
    await restarted.control(setup.id, 'retry-failed');
    const job = await stopped;
    expect(job.state).toBe('finished');
    expect(job.items.map((item) => [item.outcome, item.note])).toEqual([['added', 'found-in-list'], ['skipped', 'cancelled'], ['skipped', 'cancelled']]);
    expect(setup.account.calls.map((call) => `${call.call} ${call.index}`)).toEqual(['submit 0', 'lookUp 0']);
    expect(setup.account.carriedOut.get(three[0]!.code)).toBe(1);
  });
});

describe('jobRunner when its progress cannot be written', () => {
  /** A store whose writes start failing as a full disk's would, until it is healed. */
  function fillingStore(failFrom: number) {
    const store = memoryStore();
    let saves = 0;
    let full = false;
    return {
      ...store,
      async saveJob(job: UploadJob) {
        saves += 1;
        if (saves >= failFrom) full = true;
        if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        await store.saveJob(job);
      },
      heal() {
        full = false;
        saves = -Infinity;
      },
    };
  }

  for (const lanes of [1, 2]) {
    it(`pauses for storage, says so, sends nothing unwritten, and goes on after Resume, each item once (${lanes} lane${lanes > 1 ? 's' : ''})`, async () => {
      const entries = mixOf(30);
      const store = fillingStore(12);
      const setup = await setUp(entries, {}, { store, lanes });
      await setup.runner.drive(setup.id);

      // IndexedDB still says running; the popup is told the truth.
      expect((await setup.load()).state).toBe('running');
      expect(setup.unsaved.at(-1)).toMatchObject({ state: 'paused', pause: 'storage', pauseDetail: 'QuotaExceededError' });
      const sentBefore = setup.account.requestCount;
      expect(sentBefore).toBeLessThan(12);
      // Woken again (the popup opened), it sends nothing and says so again.
      const told = setup.unsaved.length;
      await setup.runner.drive(setup.id);
      expect(setup.account.requestCount).toBe(sentBefore);
      expect(setup.unsaved.length).toBe(told + 1);

      store.heal();
      const stopped = setup.nextStop();
      await setup.runner.control(setup.id, 'resume');
      const job = await stopped;
      expectEveryItemSettled(job, entries, setup.account);
      expect([...setup.account.requests.values()].every((count) => count === 1)).toBe(true);
    });
  }
});

describe('jobRunner over the extension\'s own store (job-store, fake-indexeddb)', () => {
  const store: Store = { loadJob, saveJob, loadFile, createJob };

  it('a file whose bytes are gone fails with `file-lost`, and the job carries on', async () => {
    const entries: Entry[] = [
      { code: goodCode(1), way: 'file', good: true },
      { code: goodCode(2), way: 'file', good: true },
      { code: goodCode(3), way: 'code', good: true },
      { code: goodCode(4), way: 'file', good: true },
    ];
    const { job: fresh, files } = newJob('file-lost', entries);
    await createJob(fresh, files.filter((file) => file.index !== 1));
    const clock: Clock = { now: NOW, sleeps: [] };
    const account = fakeAccount(new Set(entries.map((entry) => entry.code)), {}, clock);
    const runner = jobRunner({
      driver: account.driver, store, changed: () => undefined, now: () => clock.now, lanes: 1,
      sleep: async (ms) => {
        clock.now += ms;
      },
    });
    await runner.drive('file-lost');

    const job = (await loadJob('file-lost'))!;
    expect(job.state).toBe('finished');
    expect(job.items.map((item) => [item.outcome, item.note])).toEqual([
      ['added', undefined], ['failed', 'file-lost'], ['added', undefined], ['added', undefined],
    ]);
    expect(job.items[1]!.attempts).toBe(0);
    expect(account.calls.map((call) => call.index)).toEqual([0, 2, 3]);
    expect(account.violations).toEqual([]);
  });

  it('after a restart, an item whose request is still out in its tab takes the answer the tab gets, and is never sent again', async () => {
    const entries = mixOf(12);
    const setup = await setUp(entries, {}, { store, id: 'restart-page-alive' });
    const held = setup.account.holdNext(true);
    // The service worker stops once the request is out: this runner never hears of anything again.
    let stopped = false;
    const dying: UploadDriver = {
      async submit(job, item, file) {
        const answer = await setup.account.driver.submit(job, item, file);
        return stopped ? new Promise<never>(() => undefined) : answer;
      },
      lookUp: setup.account.driver.lookUp,
    };
    void jobRunner(setup.deps(dying)).drive(setup.id);
    await held.reached;
    stopped = true;
    // The page goes on waiting for the answer.
    expect((await setup.load()).items[0]).toMatchObject({ outcome: 'sending', attempts: 1 });

    const callsBefore = setup.account.calls.length;
    const restarted = jobRunner(setup.deps(setup.account.driver));
    const driving = restarted.drive(setup.id);
    held.release();
    await driving;
    const job = await setup.load();
    expect(setup.account.calls[callsBefore]).toMatchObject({ call: 'recall', index: 0 });
    expect(job.items[0]).toMatchObject({ outcome: 'added', message: addedMessage(entries[0]!.code), attempts: 1 });
    expectEveryItemSettled(job, entries, setup.account);
    expect(setup.account.requests.get(entries[0]!.code)).toBe(1);
  });

  it('after a restart and a reload, with the server still at the request, waits until it can no longer land, then finds it', async () => {
    const entries = mixOf(12);
    const setup = await setUp(entries, {}, { store, id: 'restart-still-landing' });
    // A busy day: the server applies the item 3 s after it arrived.
    const held = setup.account.holdNext({ afterMs: 3_000 });
    void setup.runner.drive(setup.id);
    await held.reached;
    setup.account.reloadPage();

    const restarted = jobRunner(setup.deps(setup.account.driver));
    await restarted.drive(setup.id);
    const job = await setup.load();
    const calls = setup.account.calls.filter((call) => call.index === 0).map((call) => call.call);
    expect(calls).toEqual(['submit', 'recall', 'lookUp']);
    expect(job.items[0]).toMatchObject({ outcome: 'added', note: 'found-in-list', attempts: 1 });
    // The others went on meanwhile; the look-up came only after the grace.
    expect(setup.clock.now - NOW).toBeGreaterThanOrEqual(LAND_GRACE_MS);
    expectEveryItemSettled(job, entries, setup.account);
    expect(setup.account.requests.get(entries[0]!.code)).toBe(1);
  });

  it('after a restart and a reload, an item whose request never reached the account is looked up after the grace, then sent once more', async () => {
    const entries = mixOf(12);
    const setup = await setUp(entries, {}, { store, id: 'restart-not-carried-out' });
    const held = setup.account.holdNext(false);
    void setup.runner.drive(setup.id);
    await held.reached;
    setup.account.reloadPage();

    const restarted = jobRunner(setup.deps(setup.account.driver));
    await restarted.drive(setup.id);
    const job = await setup.load();
    expect(setup.account.calls.filter((call) => call.index === 0).map((call) => call.call)).toEqual(['submit', 'recall', 'lookUp', 'submit']);
    expectEveryItemSettled(job, entries, setup.account);
    expect(job.items[0]).toMatchObject({ outcome: 'added', message: addedMessage(entries[0]!.code), attempts: 2 });
    expect(setup.account.carriedOut.get(entries[0]!.code)).toBe(1);
  });
});
