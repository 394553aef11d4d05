/**
 * The panel never in the way: at the window sizes people use (from 1024 px
 * wide), on a customer's and a partner's list, folded and opened, scrolled to
 * the top and down the list, no «Продлить» or «…» of the list is under it, and
 * its own filters, copy, CSV and «Подробнее» are in view without scrolling
 * inside it. Each size and state is saved as a screenshot to look at, in
 * e2e/artifacts/panel-layout/ (not kept in git).
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickInPanel, inPanel, launch, logIn, settled, type Session } from './harness';

let session: Session;
let page: Page;

beforeAll(async () => {
  session = await launch();
  page = await session.context.newPage();
});
afterAll(async () => {
  await session?.close();
});

const SIZES = [[1024, 700], [1280, 800], [1366, 768], [1920, 1080]] as const;
const SHOTS = resolve(import.meta.dirname, 'artifacts/panel-layout');

/** The list's actions in view whose middle is not the action itself: something lies over them. */
function coveredActions(): string[] {
  const actions = [...document.querySelectorAll<HTMLElement>('a, button')].filter((element) => /^(?:Продлить|Renew|\.\.\.|…|⋮)$/.test(element.textContent!.trim()));
  const covered: string[] = [];
  for (const action of actions) {
    const box = action.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    if (box.width === 0 || y < 0 || y > innerHeight - 1 || x < 0 || x > innerWidth - 1) continue; // the last pixel row hits nothing
    const top = document.elementFromPoint(x, y);
    if (!top || !(action === top || action.contains(top))) covered.push(`${action.textContent!.trim()} at ${Math.round(x)},${Math.round(y)} under <${top?.localName}>`);
  }
  return covered;
}

/** How many list actions are in view: the check above must have had something to look at. */
const actionsInView = () => page.evaluate(() => [...document.querySelectorAll<HTMLElement>('a, button')].filter((element) => {
  const box = element.getBoundingClientRect();
  return /^(?:Продлить|\.\.\.|…)$/.test(element.textContent!.trim()) && box.top >= 0 && box.bottom <= innerHeight;
}).length);

/**
 * The panel's own controls (its bar and chips) that are not fully in view, or lie under something, once the panel's
 * top is scrolled to; and, in the page's flow, whether it scrolls inside (floating over a long list, only its details may).
 */
function hiddenControls(root: ShadowRoot): string[] {
  const panel = root.querySelector('.panel')!;
  const floating = (root.host as HTMLElement).hasAttribute('data-float');
  const hidden: string[] = !floating && panel.scrollHeight > panel.clientHeight + 1 ? ['the panel scrolls inside'] : [];
  for (const control of root.querySelectorAll<HTMLElement>('.head button')) {
    const box = control.getBoundingClientRect();
    const top = root.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    if (box.top < 0 || box.bottom > innerHeight || box.right > innerWidth || !(top === control || control.contains(top))) hidden.push(control.textContent!);
  }
  return hidden;
}

const scrollTo = (y: number) => page.evaluate((to) => {
  window.scrollTo(0, to);
  return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
}, y);

describe('the panel at common window sizes', () => {
  // A customer's page of 20, a partner's page of 20, and the partner's 10,000 on one page («Все»).
  for (const [account, list] of [['typical', '/licenses'], ['partner', '/licenses'], ['partner', '/licenses?size=all']] as const) {
    describe(`${account} ${list}`, () => {
      beforeAll(async () => {
        await logIn(page, session, account);
      });

      for (const [width, height] of SIZES) {
        it(`${width}×${height}: covers none of the list's actions, folded or open, and keeps its own in view`, async () => {
          await page.setViewportSize({ width, height });
          await page.goto(session.url('lk.cleverence.ru', list));
          await settled(page);
          for (const open of [false, true]) {
            const isOpen = await inPanel(page, (root) => root.querySelector('button.toggle')!.getAttribute('aria-expanded') === 'true');
            if (isOpen !== open) await clickInPanel(page, 'button.toggle');
            await expect.poll(() => inPanel(page, (root) => root.querySelector('.panel')!.getAttribute('data-clh-open'))).toBe(String(open));
            const panelTop = await inPanel(page, (root) => root.querySelector('.panel')!.getBoundingClientRect().top + scrollY);
            await scrollTo(panelTop! - 10);
            await page.screenshot({ path: resolve(SHOTS, `${account}${list.includes('all') ? '-all' : ''}-${width}x${height}-${open ? 'open' : 'folded'}.png`) });
            expect(await inPanel(page, hiddenControls)).toEqual([]);
            // At the top of the page, the panel's top in view, the list's start, and further down the list.
            const listTop = await page.evaluate(() => document.querySelector('[data-clh-license]')!.getBoundingClientRect().top + scrollY);
            let looked = 0;
            for (const y of [0, panelTop! - 10, listTop - height / 2, listTop, listTop + height]) {
              await scrollTo(y);
              expect(await page.evaluate(coveredActions), `scrolled to ${y}, panel ${open ? 'open' : 'folded'}`).toEqual([]);
              looked += await actionsInView();
            }
            expect(looked).toBeGreaterThan(0);
          }
          await clickInPanel(page, 'button.toggle'); // folded again, as the next size starts
        });
      }
    });
  }
});
