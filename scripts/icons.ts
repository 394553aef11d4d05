/**
 * `npm run icons`: renders the extension's icons from their SVG sources in
 * real Chromium, into public/icon/<size>.png (WXT lists public/icon/*.png in
 * manifest.icons by itself; wxt.config.ts gives the toolbar button the same).
 *
 * - assets/icon-small.svg → 16, 32 (toolbar, tab strip: only the card and its check survive at 16 px)
 * - assets/icon.svg       → 48, 128 (chrome://extensions, the Web Store; 16 px of clear space at 128)
 *
 * `--preview FILE` also writes every size side by side, magnified 8 times with
 * square pixels, to look at the small ones closely.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { ensureBrowser } from './find-browser';

const ROOT = resolve(import.meta.dirname, '..');
const ICONS: ReadonlyArray<{ size: number; source: string }> = [
  { size: 16, source: 'assets/icon-small.svg' },
  { size: 32, source: 'assets/icon-small.svg' },
  { size: 48, source: 'assets/icon.svg' },
  { size: 128, source: 'assets/icon.svg' },
];

function dataUrl(source: string): string {
  return `data:image/svg+xml;base64,${readFileSync(resolve(ROOT, source)).toString('base64')}`;
}

const outDir = resolve(ROOT, 'public/icon');
const previewAt = process.argv.indexOf('--preview');
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: ensureBrowser().path,
  headless: false,
  args: ['--no-sandbox', '--disable-gpu', '--headless=new'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1, viewport: { width: 256, height: 256 } });
  const pngs: Array<{ size: number; png: Buffer }> = [];
  for (const { size, source } of ICONS) {
    // The SVG drawn by the browser at exactly the icon's size (not drawn large and scaled down), on nothing.
    await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}img{display:block}</style><img width="${size}" height="${size}">`);
    await page.$eval('img', async (img, src) => {
      (img as HTMLImageElement).src = src;
      await (img as HTMLImageElement).decode();
    }, dataUrl(source));
    const file = resolve(outDir, `${size}.png`);
    const png = await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    pngs.push({ size, png });
    console.log(`${file} (${source})`);
  }
  if (previewAt >= 0) {
    const file = resolve(process.argv[previewAt + 1] ?? 'icon-preview.png');
    const scale = 8;
    const width = pngs.reduce((sum, { size }) => sum + size * scale + 24, 24);
    const height = 128 * scale + 48;
    await page.setViewportSize({ width, height });
    const images = pngs.map(({ size, png }) =>
      `<img src="data:image/png;base64,${png.toString('base64')}" width="${size * scale}" height="${size * scale}">`).join('');
    await page.setContent(`<!doctype html><style>body{margin:0;padding:24px;display:flex;gap:24px;align-items:flex-start;background:#e9edf2}img{image-rendering:pixelated;background:#fff}</style>${images}`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`preview: ${file}`);
  }
} finally {
  await browser.close();
}
