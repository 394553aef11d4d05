import { describe, expect, it } from 'vitest';
import { inSlices } from '@/utils/shared/main-thread';

/** Keeps the thread busy, as a step of real work would. */
function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) { /* working */ }
}

describe('inSlices', () => {
  it('lets the page run between the steps of long work, and resolves with its result', async () => {
    const ran: string[] = [];
    function* work(): Generator<void, number> {
      for (let step = 0; step < 10; step++) {
        busyFor(3);
        ran.push('step');
        yield;
      }
      return 42;
    }
    // The page's own work, queued before ours starts: it must not wait for all 30 ms of it.
    setTimeout(() => ran.push('page'), 0);
    await expect(inSlices(work())).resolves.toBe(42);
    expect(ran.filter((what) => what === 'step')).toHaveLength(10);
    expect(ran.indexOf('page')).toBeGreaterThan(0);
    expect(ran.indexOf('page')).toBeLessThan(ran.length - 1);
  });

  it('runs short work through without waiting for the page', async () => {
    const ran: string[] = [];
    setTimeout(() => ran.push('page'), 0);
    let steps = 0;
    function* work(): Generator<void, string> {
      steps++;
      yield;
      steps++;
      return 'done';
    }
    await expect(inSlices(work())).resolves.toBe('done');
    expect(steps).toBe(2);
    expect(ran).toEqual([]);
  });
});
