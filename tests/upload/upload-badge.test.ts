// The toolbar badge while an upload waits: set from the jobs kept, its
// tooltip saying which account, how many are left and why it waits; one badge
// for every owner, the most urgent shown.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { pausedUploadBadge } from '@/utils/upload/upload-service';
import { setBadge, shownState } from '@/utils/badge/badge-service';
import type { JobItem, UploadJob } from '@/utils/upload/upload-job';

const { text: ru } = await vi.hoisted(async () => (await import('../locale-messages')).answerFromLocales());

const item = (index: number, outcome: JobItem['outcome']): JobItem => ({ index, way: 'code', label: `code ${index}`, code: `code ${index}`, outcome, attempts: 0 } as JobItem);

function job(fields: Partial<UploadJob>, outcomes: JobItem['outcome'][] = ['added', 'queued', 'queued']): UploadJob {
  return {
    id: 'job-1', tabId: 7, origin: 'https://lk.cleverence.ru', login: 'typical@example.ru', uploadUrl: 'https://lk.cleverence.ru/licenses/upload',
    createdAt: 0, state: 'running', items: outcomes.map((outcome, index) => item(index, outcome)), ...fields,
  };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('pausedUploadBadge', () => {
  it('is nothing while every job runs or has ended', () => {
    expect(pausedUploadBadge([job({}), job({ id: 'job-2', state: 'finished' }), job({ id: 'job-3', state: 'cancelled' })])).toBeUndefined();
  });

  it('names the account, how many are left and why it waits, as the popup says it', () => {
    const badge = pausedUploadBadge([job({ state: 'paused', pause: 'tab-closed' })])!;
    expect(badge.text).toBe('!');
    expect(badge.title).toBe([ru('badgeUploadPaused').replace('$1', 'typical@example.ru').replace('$2', '2'), ru('jobPausedTab')].join('\n'));
  });

  it('names the job with the most left, and how many others wait', () => {
    const small = job({ id: 'small', state: 'paused', pause: 'user', login: 'a@example.ru' }, ['queued']);
    const big = job({ id: 'big', state: 'paused', pause: 'session-expired', login: 'b@example.ru' }, ['queued', 'queued', 'queued']);
    const { title } = pausedUploadBadge([small, big])!;
    expect(title.split('\n')).toEqual([
      ru('badgeUploadPaused').replace('$1', 'b@example.ru').replace('$2', '3'), ru('jobPausedSession'), ru('badgeUploadsPausedMore').replace('$1', '1'),
    ]);
  });
});

describe('the badge service', () => {
  it('shows the most urgent state set, and clears the badge and its words when none is left', async () => {
    expect(shownState(new Map())).toBeUndefined();
    await setBadge('upload-paused', { text: '!', color: '#b26a00', title: 'Загрузка на паузе' });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('!');
    expect(await fakeBrowser.action.getTitle({})).toBe(`${ru('extName')}\nЗагрузка на паузе`);
    await setBadge('upload-paused', undefined);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    expect(await fakeBrowser.action.getTitle({})).toBe(ru('extName'));
  });
});
