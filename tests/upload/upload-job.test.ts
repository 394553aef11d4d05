// The rules of a bulk upload (utils/upload/upload-job.ts): pure functions over plain
// records, so every answer the account can give is played here without a browser.
import { describe, expect, it } from 'vitest';
import {
  applyAnswer, applyLookUp, BACKOFF_MS, cancelJob, failUnsent, HOLD_AFTER_LEAVING_MS, jobCounts, LAND_GRACE_MS, markSending, MAX_ATTEMPTS, MAX_BUSY, MAX_LOOK_UPS,
  nextStep, pauseJob, requestIdOf, resumeJob, retryFailed, settle, type JobItem, type UploadJob,
} from '@/utils/upload/upload-job';

const NOW = 1_750_000_000_000;
const ADDED = 'Лицензия «Mobile SMARTS: Склад 15» с кодом активации A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q добавлена в личный кабинет.';
const UNKNOWN = 'Код активации A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q не найден. Проверьте, правильно ли он введён.';
const PRESENT = 'Лицензия с кодом активации A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q уже есть в личном кабинете.';

const item = (index: number, fields: Partial<JobItem> = {}): JobItem => ({
  index, way: 'code', label: `CODE${index}-D3E4F-G5H6J`, code: `CODE${index}-D3E4F-G5H6J`, outcome: 'queued', attempts: 0, ...fields,
});

const job = (items: JobItem[], fields: Partial<UploadJob> = {}): UploadJob => ({
  id: 'job-1', tabId: 7, origin: 'https://lk.cleverence.ru', login: 'partner@example.ru',
  uploadUrl: 'https://lk.cleverence.ru/licenses/upload', createdAt: NOW - 60_000, state: 'running', items, ...fields,
});

/** A job of `count` queued items with item 0 already sent once (as the runner leaves it before the request goes out). */
const sentFirst = (count = 2, fields: Partial<UploadJob> = {}) =>
  markSending(job(Array.from({ length: count }, (_, index) => item(index)), fields), 0);

describe('nextStep', () => {
  it('sends the queued items in their order, then is done', () => {
    let current = job([item(0), item(1)]);
    expect(nextStep(current, NOW)).toEqual({ kind: 'send', item: current.items[0] });
    current = applyAnswer(markSending(current, 0), 0, { kind: 'added', message: ADDED }, NOW);
    expect(nextStep(current, NOW)).toEqual({ kind: 'send', item: current.items[1] });
    current = applyAnswer(markSending(current, 1), 1, { kind: 'rejected', message: UNKNOWN }, NOW);
    expect(nextStep(current, NOW)).toEqual({ kind: 'done' });
  });

  it('looks an item in doubt up before anything is sent, even one queued before it', () => {
    const current = job([item(0), item(1), item(2, { outcome: 'sending', attempts: 1, inDoubt: true })]);
    expect(nextStep(current, NOW)).toEqual({ kind: 'look-up', item: current.items[2] });
  });

  it('looks up an item left `sending` with no answer at all (the service worker stopped)', () => {
    const current = job([item(0, { outcome: 'sending', attempts: 1 }), item(1)]);
    expect(nextStep(current, NOW)).toMatchObject({ kind: 'look-up', item: { index: 0 } });
  });

  it('sends others while an item in doubt waits out its grace, and looks it up once the grace is over', () => {
    const current = job([item(0, { outcome: 'sending', attempts: 1, inDoubt: true, lookUps: 0, notBefore: NOW + LAND_GRACE_MS }), item(1), item(2)]);
    expect(nextStep(current, NOW)).toMatchObject({ kind: 'send', item: { index: 1 } });
    expect(nextStep(current, NOW + LAND_GRACE_MS)).toMatchObject({ kind: 'look-up', item: { index: 0 } });
  });

  it('sends nothing while the list could not be read for an item in doubt', () => {
    const current = job([item(0, { outcome: 'sending', attempts: 1, inDoubt: true, lookUps: 1, notBefore: NOW + 2_000 }), item(1)]);
    expect(nextStep(current, NOW)).toEqual({ kind: 'wait', until: NOW + 2_000 });
  });

  it('passes over an item still backing off, and waits for the soonest when all are', () => {
    const current = job([item(0, { notBefore: NOW + 4_000 }), item(1), item(2, { notBefore: NOW + 1_000 })]);
    expect(nextStep(current, NOW)).toMatchObject({ kind: 'send', item: { index: 1 } });
    const waiting = { ...current, items: current.items.map((each) => (each.index === 1 ? { ...each, outcome: 'added' as const } : each)) };
    expect(nextStep(waiting, NOW)).toEqual({ kind: 'wait', until: NOW + 1_000 });
    expect(nextStep(waiting, NOW + 1_000)).toMatchObject({ kind: 'send', item: { index: 2 } });
  });

  it('is done when only finished items are left', () => {
    const current = job([
      item(0, { outcome: 'added' }), item(1, { outcome: 'rejected' }), item(2, { outcome: 'failed' }), item(3, { outcome: 'skipped' }),
    ]);
    expect(nextStep(current, NOW)).toEqual({ kind: 'done' });
  });
});

describe('markSending', () => {
  it('marks the item `sending`, counts the attempt and clears its back-off, leaving the job as it was', () => {
    const before = job([item(0, { attempts: 1, notBefore: NOW - 1 }), item(1)]);
    const after = markSending(before, 0);
    expect(after.items[0]).toMatchObject({ outcome: 'sending', attempts: 2, notBefore: undefined });
    expect(after.items[1]).toBe(before.items[1]);
    expect(before.items[0]).toMatchObject({ outcome: 'queued', attempts: 1 });
  });

  it('gives each request an id of its own, a retry\'s too (its attempts start again, its sends do not)', () => {
    let current = job([item(0)], { id: 'job-7' });
    const ids: string[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      current = markSending(current, 0);
      ids.push(requestIdOf(current, current.items[0]!));
      current = applyLookUp(applyAnswer(current, 0, { kind: 'unsure', detail: 'HTTP 500', settleMs: 0 }, NOW), 0, { kind: 'absent' }, NOW);
    }
    expect(current.items[0]).toMatchObject({ outcome: 'failed' });
    current = markSending(retryFailed(settle(current)), 0);
    expect(current.items[0]!.attempts).toBe(1);
    ids.push(requestIdOf(current, current.items[0]!));
    expect(new Set(ids).size).toBe(MAX_ATTEMPTS + 1);
    expect(ids[0]).toBe('job-7:0:1');
  });
});

describe('applyAnswer', () => {
  it('added: the site\'s message is kept', () => {
    const after = applyAnswer(sentFirst(), 0, { kind: 'added', message: ADDED }, NOW);
    expect(after.items[0]).toMatchObject({ outcome: 'added', message: ADDED, attempts: 1, note: undefined, inDoubt: undefined });
    expect(after.state).toBe('running');
  });

  it('rejected: the site\'s message is kept, with no note', () => {
    const after = applyAnswer(sentFirst(), 0, { kind: 'rejected', message: UNKNOWN }, NOW);
    expect(after.items[0]).toMatchObject({ outcome: 'rejected', message: UNKNOWN, note: undefined });
  });

  it('rejected as already in the account: noted `present`, which the next preview remembers', () => {
    const after = applyAnswer(sentFirst(), 0, { kind: 'rejected', message: PRESENT, present: true }, NOW);
    expect(after.items[0]).toMatchObject({ outcome: 'rejected', message: PRESENT, note: 'present' });
  });

  it('pending review: not added and not sent again; the site\'s words are kept, and a retry looks it up first', () => {
    const words = 'Лицензия с кодом A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q будет добавлена после проверки.';
    const after = settle(applyAnswer(sentFirst(1), 0, { kind: 'pending', message: words }, NOW));
    expect(after.items[0]).toMatchObject({ outcome: 'failed', message: words, note: 'pending-review', inDoubt: true });
    expect(after.state).toBe('finished');
    expect(nextStep(retryFailed(after), NOW)).toMatchObject({ kind: 'look-up', item: { index: 0 } });
  });

  it('an unclear answer: failed with the site\'s words, in doubt, never sent again blindly', () => {
    const words = 'Запрос по коду A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q принят к рассмотрению.';
    const after = applyAnswer(sentFirst(2), 0, { kind: 'unclear', message: words }, NOW);
    expect(after.items[0]).toMatchObject({ outcome: 'failed', message: words, note: 'unclear-answer', inDoubt: true, attempts: 1 });
    // The job goes on with the next item, not with this one again.
    expect(nextStep(after, NOW)).toMatchObject({ kind: 'send', item: { index: 1 } });
  });

  it('an answer clears what an earlier lost try left (its note, detail and doubt)', () => {
    let current = applyAnswer(sentFirst(), 0, { kind: 'unsure', detail: 'net::ERR_CONNECTION_RESET' }, NOW);
    current = applyLookUp(current, 0, { kind: 'absent' }, NOW);
    current = applyAnswer(markSending(current, 0), 0, { kind: 'added', message: ADDED }, NOW + BACKOFF_MS);
    expect(current.items[0]).toMatchObject({ outcome: 'added', message: ADDED, attempts: 2, note: undefined, detail: undefined, inDoubt: undefined });
  });

  it('logged-out: pauses for the session and puts the item back, its attempt given back', () => {
    const after = applyAnswer(sentFirst(), 0, { kind: 'logged-out' }, NOW);
    expect(after).toMatchObject({ state: 'paused', pause: 'session-expired' });
    expect(after.items[0]).toMatchObject({ outcome: 'queued', attempts: 0 });
    expect(after.items[0]!.inDoubt).toBeUndefined();
    expect(nextStep(resumeJob(after), NOW)).toMatchObject({ kind: 'send', item: { index: 0 } });
  });

  it('other-account: pauses with the login the page showed, item back unsent', () => {
    const after = applyAnswer(sentFirst(), 0, { kind: 'other-account', login: 'someone@else.ru' }, NOW);
    expect(after).toMatchObject({ state: 'paused', pause: 'other-account', pauseDetail: 'someone@else.ru' });
    expect(after.items[0]).toMatchObject({ outcome: 'queued', attempts: 0 });
  });

  it('leaving: the item goes back unsent and nothing at all goes until the tab has had time to land on its next page', () => {
    const after = applyAnswer(sentFirst(3), 0, { kind: 'leaving' }, NOW);
    expect(after.state).toBe('running');
    expect(after.items[0]).toMatchObject({ outcome: 'queued', attempts: 0 });
    expect(after.items[0]!.notBefore).toBeUndefined();
    // Not the next item either: it would go from the same page.
    expect(nextStep(after, NOW)).toEqual({ kind: 'wait', until: NOW + HOLD_AFTER_LEAVING_MS });
    expect(nextStep(after, NOW + HOLD_AFTER_LEAVING_MS)).toMatchObject({ kind: 'send', item: { index: 0 } });
    // A hold never keeps a job with nothing left from being done.
    expect(nextStep({ ...after, items: [] }, NOW)).toEqual({ kind: 'done' });
  });

  it('sent-elsewhere: fails the item, naming the account it went to, and pauses for that account; a retry sends it afresh', () => {
    const after = applyAnswer(sentFirst(), 0, { kind: 'sent-elsewhere', login: 'someone@else.ru' }, NOW);
    expect(after).toMatchObject({ state: 'paused', pause: 'other-account', pauseDetail: 'someone@else.ru' });
    expect(after.items[0]).toMatchObject({ outcome: 'failed', note: 'sent-elsewhere', detail: 'someone@else.ru' });
    expect(after.items[0]!.inDoubt).toBeUndefined();
    expect(nextStep(retryFailed(after), NOW)).toMatchObject({ kind: 'send', item: { index: 0 } });
  });

  it('no-form: pauses with where the form was looked for, item back unsent', () => {
    const after = applyAnswer(sentFirst(), 0, { kind: 'no-form', detail: 'https://lk.cleverence.ru/licenses' }, NOW);
    expect(after).toMatchObject({ state: 'paused', pause: 'no-form', pauseDetail: 'https://lk.cleverence.ru/licenses' });
    expect(after.items[0]).toMatchObject({ outcome: 'queued', attempts: 0 });
  });

  it('tab-closed: pauses, item back unsent', () => {
    const after = applyAnswer(sentFirst(), 0, { kind: 'tab-closed' }, NOW);
    expect(after).toMatchObject({ state: 'paused', pause: 'tab-closed' });
    expect(after.items[0]).toMatchObject({ outcome: 'queued', attempts: 0 });
  });

  it('busy with Retry-After: queued again, not before the server said, and the try given back', () => {
    const after = applyAnswer(sentFirst(), 0, { kind: 'busy', retryAfterMs: 30_000 }, NOW);
    expect(after.state).toBe('running');
    expect(after.items[0]).toMatchObject({ outcome: 'queued', note: 'busy', busy: 1, attempts: 0, notBefore: NOW + 30_000 });
    expect(nextStep(after, NOW)).toMatchObject({ kind: 'send', item: { index: 1 } });
  });

  it('busy without Retry-After: backs off 1 s, 2 s, 4 s … up to 32 s, costs no try, and fails after MAX_BUSY', () => {
    let current = job([item(0)]);
    const waits: number[] = [];
    let at = NOW;
    for (let busy = 1; busy < MAX_BUSY; busy++) {
      current = applyAnswer(markSending(current, 0), 0, { kind: 'busy' }, at);
      expect(current.items[0]).toMatchObject({ outcome: 'queued', note: 'busy', busy, attempts: 0 });
      waits.push(current.items[0]!.notBefore! - at);
      expect(nextStep(current, at)).toEqual({ kind: 'wait', until: current.items[0]!.notBefore });
      at = current.items[0]!.notBefore!;
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 32, 32, 32].map((times) => times * BACKOFF_MS));
    current = applyAnswer(markSending(current, 0), 0, { kind: 'busy' }, at);
    expect(current.items[0]).toMatchObject({ outcome: 'failed', note: 'busy', busy: MAX_BUSY, attempts: 0, notBefore: undefined });
    expect(settle(current).state).toBe('finished');
  });

  it('unsure, answered by the server (HTTP 500): stays `sending` and in doubt, and is looked up at once', () => {
    const after = applyAnswer(sentFirst(), 0, { kind: 'unsure', detail: 'HTTP 500', settleMs: 0 }, NOW);
    expect(after.state).toBe('running');
    expect(after.items[0]).toMatchObject({ outcome: 'sending', inDoubt: true, note: 'unsure', detail: 'HTTP 500', attempts: 1 });
    expect(nextStep(after, NOW)).toMatchObject({ kind: 'look-up', item: { index: 0 } });
  });

  it('unsure with no answer at all (the connection dropped): looked up only once the request can no longer land', () => {
    const after = applyAnswer(sentFirst(1), 0, { kind: 'unsure', detail: 'net::ERR_CONNECTION_RESET' }, NOW);
    expect(nextStep(after, NOW)).toEqual({ kind: 'wait', until: NOW + LAND_GRACE_MS });
    expect(nextStep(after, NOW + LAND_GRACE_MS)).toMatchObject({ kind: 'look-up', item: { index: 0 } });
  });

  it('pause pressed while the request was out: the answer is taken and the pause stays', () => {
    const after = applyAnswer(pauseJob(sentFirst()), 0, { kind: 'added', message: ADDED }, NOW);
    expect(after).toMatchObject({ state: 'paused', pause: 'user' });
    expect(after.items[0]!.outcome).toBe('added');
  });
});

describe('applyLookUp', () => {
  const inDoubt = () => applyAnswer(sentFirst(), 0, { kind: 'unsure', detail: 'net::ERR_CONNECTION_RESET' }, NOW);

  it('found: it was added, noted found-in-list', () => {
    const after = applyLookUp(inDoubt(), 0, { kind: 'found' }, NOW);
    expect(after.items[0]).toMatchObject({ outcome: 'added', note: 'found-in-list', inDoubt: undefined, detail: undefined });
  });

  it('absent: queued again after a back-off, noted not-in-list, no longer in doubt', () => {
    const after = applyLookUp(inDoubt(), 0, { kind: 'absent' }, NOW);
    expect(after.items[0]).toMatchObject({
      outcome: 'queued', note: 'not-in-list', detail: 'net::ERR_CONNECTION_RESET', attempts: 1, notBefore: NOW + BACKOFF_MS,
    });
    expect(after.items[0]!.inDoubt).toBeUndefined();
  });

  it('absent after the last try: failed, not in doubt (the list showed it was not added)', () => {
    let current = job([item(0)]);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      current = applyAnswer(markSending(current, 0), 0, { kind: 'unsure', detail: 'HTTP 502' }, NOW);
      current = applyLookUp(current, 0, { kind: 'absent' }, NOW);
    }
    expect(current.items[0]).toMatchObject({ outcome: 'failed', note: 'not-in-list', attempts: MAX_ATTEMPTS });
    expect(current.items[0]!.inDoubt).toBeUndefined();
  });

  it('cannot-tell: failed, never sent again, still in doubt for the user to check', () => {
    const after = applyLookUp(inDoubt(), 0, { kind: 'cannot-tell' }, NOW);
    expect(after.items[0]).toMatchObject({ outcome: 'failed', note: 'cannot-tell', inDoubt: true });
    expect(nextStep(after, NOW)).toMatchObject({ kind: 'send', item: { index: 1 } });
  });

  it('unreachable: looks again after a back-off, and fails still in doubt after MAX_LOOK_UPS', () => {
    let current = inDoubt();
    let at = NOW;
    for (let look = 1; look < MAX_LOOK_UPS; look++) {
      current = applyLookUp(current, 0, { kind: 'unreachable', detail: 'HTTP 503' }, at);
      expect(current.items[0]).toMatchObject({ outcome: 'sending', inDoubt: true, lookUps: look, detail: 'HTTP 503' });
      expect(current.items[0]!.notBefore).toBe(at + BACKOFF_MS * 2 ** (look - 1));
      // Nothing is sent while the list cannot be read.
      expect(nextStep(current, at)).toEqual({ kind: 'wait', until: current.items[0]!.notBefore });
      at = current.items[0]!.notBefore!;
      expect(nextStep(current, at)).toMatchObject({ kind: 'look-up', item: { index: 0 } });
    }
    current = applyLookUp(current, 0, { kind: 'unreachable', detail: 'HTTP 503' }, at);
    expect(current.items[0]).toMatchObject({ outcome: 'failed', note: 'cannot-tell', inDoubt: true, detail: 'HTTP 503', attempts: 1 });
  });

  it('a new lost answer starts the count of failed look-ups again', () => {
    let current = applyLookUp(inDoubt(), 0, { kind: 'unreachable', detail: 'HTTP 503' }, NOW);
    current = applyLookUp(current, 0, { kind: 'absent' }, NOW + BACKOFF_MS);
    current = applyAnswer(markSending(current, 0), 0, { kind: 'unsure', detail: 'HTTP 500' }, NOW + 3 * BACKOFF_MS);
    expect(current.items[0]).toMatchObject({ outcome: 'sending', inDoubt: true, lookUps: 0, attempts: 2 });
  });

  it('logged-out, other-account, tab-closed: pause, and the item stays in doubt to be looked up after', () => {
    for (const [answer, pause] of [
      [{ kind: 'logged-out' }, 'session-expired'],
      [{ kind: 'other-account', login: 'someone@else.ru' }, 'other-account'],
      [{ kind: 'tab-closed' }, 'tab-closed'],
    ] as const) {
      const after = applyLookUp(inDoubt(), 0, answer, NOW);
      expect(after).toMatchObject({ state: 'paused', pause });
      expect(after.items[0]).toMatchObject({ outcome: 'sending', inDoubt: true, attempts: 1 });
      expect(nextStep(resumeJob(after), NOW + LAND_GRACE_MS)).toMatchObject({ kind: 'look-up', item: { index: 0 } });
    }
  });

  it('asked of the tab (`recall`): its answer is the item\'s, as if it had come back at once', () => {
    const after = applyLookUp(sentFirst(), 0, { kind: 'answered', answer: { kind: 'added', message: ADDED } }, NOW);
    expect(after.items[0]).toMatchObject({ outcome: 'added', message: ADDED, attempts: 1, inDoubt: undefined });
  });

  it('asked of the tab, and the tab does not know the request: in doubt, looked up in the list only after the grace', () => {
    for (const answer of [{ kind: 'unknown-request' }, { kind: 'unreachable', detail: 'tab reloading' }, { kind: 'absent' }] as const) {
      const after = applyLookUp(sentFirst(1), 0, answer, NOW);
      expect(after.items[0]).toMatchObject({ outcome: 'sending', inDoubt: true, note: 'unsure', attempts: 1, notBefore: NOW + LAND_GRACE_MS });
      expect(nextStep(after, NOW + LAND_GRACE_MS - 1)).toMatchObject({ kind: 'wait' });
      expect(nextStep(after, NOW + LAND_GRACE_MS)).toMatchObject({ kind: 'look-up', item: { index: 0, inDoubt: true } });
    }
  });
});

describe('cancelJob', () => {
  it('skips what was not sent and fails, in doubt, what was out', () => {
    const current = job([item(0, { outcome: 'added' }), item(1, { outcome: 'sending', attempts: 1 }), item(2), item(3, { notBefore: NOW + 1 })]);
    const after = cancelJob(current);
    expect(after.state).toBe('cancelled');
    expect(after.items.map((each) => [each.outcome, each.note, each.inDoubt])).toEqual([
      ['added', undefined, undefined],
      ['failed', 'unsure', true],
      ['skipped', 'cancelled', undefined],
      ['skipped', 'cancelled', undefined],
    ]);
  });

  it('an answer arriving after the cancel is recorded, and nothing is queued again', () => {
    const cancelled = () => cancelJob(sentFirst(3));
    const added = applyAnswer(cancelled(), 0, { kind: 'added', message: ADDED }, NOW);
    expect(added.state).toBe('cancelled');
    expect(added.items.map((each) => each.outcome)).toEqual(['added', 'skipped', 'skipped']);
    expect(added.items[0]).toMatchObject({ message: ADDED, inDoubt: undefined });

    const rejected = applyAnswer(cancelled(), 0, { kind: 'rejected', message: PRESENT, present: true }, NOW);
    expect(rejected.items[0]).toMatchObject({ outcome: 'rejected', note: 'present' });

    // Not carried out: it goes where the cancel put every unsent item.
    for (const answer of [{ kind: 'busy' }, { kind: 'logged-out' }, { kind: 'tab-closed' }] as const) {
      const after = applyAnswer(cancelled(), 0, answer, NOW);
      expect(after).toMatchObject({ state: 'cancelled', pause: undefined });
      expect(after.items[0]).toMatchObject({ outcome: 'skipped', note: 'cancelled' });
    }

    const lost = applyAnswer(cancelled(), 0, { kind: 'unsure', detail: 'HTTP 500' }, NOW);
    expect(lost.state).toBe('cancelled');
    expect(lost.items[0]).toMatchObject({ outcome: 'failed', inDoubt: true, detail: 'HTTP 500' });
    expect(nextStep(lost, NOW)).toEqual({ kind: 'done' });
  });

  it('notes the item that was out as unsure, not with what an earlier try left', () => {
    // First try: answer lost, the list did not show it, so it was sent again;
    // cancelled while that second try was out, it may well have been added.
    let current = applyAnswer(sentFirst(), 0, { kind: 'unsure', detail: 'net::ERR_CONNECTION_RESET' }, NOW);
    current = applyLookUp(current, 0, { kind: 'absent' }, NOW);
    current = cancelJob(markSending(current, 0));
    expect(current.items[0]).toMatchObject({ outcome: 'failed', inDoubt: true, attempts: 2 });
    expect(current.items[0]!.note).toBe('unsure');
  });

  it('leaves a finished job alone', () => {
    const finished = job([item(0, { outcome: 'added' })], { state: 'finished' });
    expect(cancelJob(finished)).toBe(finished);
  });
});

describe('pauseJob and resumeJob', () => {
  it('pauses a running job for the user and resumes it', () => {
    const current = job([item(0), item(1)]);
    const paused = pauseJob(current);
    expect(paused).toMatchObject({ state: 'paused', pause: 'user' });
    expect(resumeJob(paused)).toMatchObject({ state: 'running', pause: undefined, pauseDetail: undefined });
  });

  it('resuming a paused job with nothing left finishes it', () => {
    const paused = pauseJob(job([item(0, { outcome: 'added' })]));
    expect(resumeJob(paused).state).toBe('finished');
  });

  it('does not pause a job that is not running, nor resume one that is not paused', () => {
    for (const state of ['finished', 'cancelled'] as const) {
      const ended = job([item(0, { outcome: 'added' })], { state });
      expect(pauseJob(ended)).toBe(ended);
      expect(resumeJob(ended)).toBe(ended);
    }
    const running = job([item(0)]);
    expect(resumeJob(running)).toBe(running);
  });
});

describe('retryFailed', () => {
  it('gives failed items a fresh set of tries; one in doubt goes to `sending` to be looked up, never straight to queued', () => {
    const current = job([
      item(0, { outcome: 'failed', note: 'busy', attempts: MAX_ATTEMPTS }),
      item(1, { outcome: 'failed', note: 'cannot-tell', inDoubt: true, attempts: 2 }),
      item(2, { outcome: 'added' }),
      item(3, { outcome: 'rejected', message: UNKNOWN }),
      item(4, { outcome: 'skipped', note: 'duplicate' }),
    ], { state: 'finished' });
    const after = retryFailed(current);
    expect(after).toMatchObject({ state: 'running', pause: undefined });
    expect(after.items.map((each) => [each.outcome, each.attempts])).toEqual([
      ['queued', 0], ['sending', 0], ['added', 0], ['rejected', 0], ['skipped', 0],
    ]);
    expect(after.items[1]!.inDoubt).toBe(true);
    expect(nextStep(after, NOW)).toMatchObject({ kind: 'look-up', item: { index: 1 } });
  });

  it('after a cancel, the item that was out is looked up before it could be sent again', () => {
    const after = retryFailed(cancelJob(sentFirst(2)));
    expect(after.items.map((each) => each.outcome)).toEqual(['sending', 'skipped']);
    expect(nextStep(after, NOW)).toMatchObject({ kind: 'look-up', item: { index: 0 } });
  });

  it('leaves a job with nothing failed alone', () => {
    const finished = job([item(0, { outcome: 'added' })], { state: 'finished' });
    expect(retryFailed(finished)).toBe(finished);
  });
});

describe('settle', () => {
  it('finishes a running job once no item waits, and not before', () => {
    const waiting = job([item(0, { outcome: 'added' }), item(1, { outcome: 'sending', attempts: 1 })]);
    expect(settle(waiting)).toBe(waiting);
    const done = job([item(0, { outcome: 'added' }), item(1, { outcome: 'failed' })]);
    expect(settle(done)).toMatchObject({ state: 'finished', pause: undefined });
  });

  it('leaves a paused job paused, even with nothing left', () => {
    const paused = job([item(0, { outcome: 'added' })], { state: 'paused', pause: 'user' });
    expect(settle(paused)).toBe(paused);
  });
});

describe('failUnsent', () => {
  it('fails a queued item with the note given', () => {
    const after = failUnsent(job([item(0, { way: 'file', notBefore: NOW + 1 }), item(1)]), 0, 'file-lost');
    expect(after.items[0]).toMatchObject({ outcome: 'failed', note: 'file-lost', notBefore: undefined, attempts: 0 });
    expect(after.items[1]!.outcome).toBe('queued');
  });

  it('does not touch an item that is not queued (it may be out)', () => {
    const current = job([item(0, { outcome: 'sending', attempts: 1 })]);
    expect(failUnsent(current, 0, 'file-lost')).toBe(current);
  });
});

describe('jobCounts', () => {
  it('counts every outcome, and what was sent of what is to send', () => {
    const current = job([
      item(0, { outcome: 'added' }), item(1, { outcome: 'added' }), item(2, { outcome: 'rejected' }), item(3, { outcome: 'failed' }),
      item(4, { outcome: 'skipped' }), item(5, { outcome: 'sending' }), item(6), item(7),
    ]);
    expect(jobCounts(current)).toEqual({ queued: 2, sending: 1, added: 2, rejected: 1, failed: 1, skipped: 1, present: 0, total: 8, toSend: 7, sent: 4 });
  });

  it('counts "already in the account" apart from rejected and skipped, and progress only over what is sent', () => {
    const current = job([
      item(0, { outcome: 'added' }),
      // The site said it is there already.
      item(1, { outcome: 'rejected', note: 'present', message: 'Лицензия уже есть в личном кабинете.' }),
      // The preview knew it is there: never sent.
      item(2, { outcome: 'skipped', note: 'present' }),
      item(3, { outcome: 'skipped', note: 'duplicate' }),
      item(4, { outcome: 'rejected', message: 'Код активации не найден.' }),
      item(5),
    ]);
    expect(jobCounts(current)).toMatchObject({ added: 1, present: 2, rejected: 1, skipped: 1, queued: 1, total: 6 });
    // Sent: the added, the one the site called present, the refused; to send: those and the queued one.
    expect(jobCounts(current)).toMatchObject({ toSend: 4, sent: 3 });
  });
});
