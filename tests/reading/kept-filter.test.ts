// The row filter kept for a tab's next pages, in the page's sessionStorage:
// read back only when it is a filter of that tab, whatever the page wrote there.
import { beforeEach, describe, expect, it } from 'vitest';
import { forgetFilter, keepFilter, keptFilter } from '@/utils/reading/kept-filter';

beforeEach(() => sessionStorage.clear());

describe('the kept filter', () => {
  it('holds for its own tab, and only there', () => {
    keepFilter('devices', 'missing-cloud');
    expect(keptFilter('devices')).toBe('missing-cloud');
    expect(keptFilter('licenses')).toBeUndefined();
    keepFilter('licenses', 'problems');
    expect(keptFilter('licenses')).toBe('problems');
    keepFilter('licenses', undefined);
    expect(keptFilter('licenses')).toBeUndefined();
  });

  it('is forgotten off the account\'s list pages', () => {
    keepFilter('licenses', 'ending-30');
    forgetFilter();
    expect(keptFilter('licenses')).toBeUndefined();
  });

  it('is nothing when the page wrote something else there: a group of the other tab, an unknown name, not JSON', () => {
    for (const written of [
      JSON.stringify({ tab: 'licenses', filter: 'missing-cloud' }),
      JSON.stringify({ tab: 'licenses', filter: '__proto__' }),
      JSON.stringify({ tab: 'licenses', filter: { toString: 'problems' } }),
      JSON.stringify(['licenses', 'problems']),
      'problems',
      '{',
    ]) {
      sessionStorage.setItem('clh-filter', written);
      expect(keptFilter('licenses'), written).toBeUndefined();
    }
  });
});
