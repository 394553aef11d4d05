// @vitest-environment node
/** What a CI log keeps of WXT's spinner lines (scripts/wxt.ts). */
import { describe, expect, it } from 'vitest';
import { forLog } from '../../scripts/wxt';

describe('a line of WXT\'s output, for a log', () => {
  it('keeps only what the spinner line ends up saying', () => {
    // As `wxt build` writes it when nobody watches: hide the cursor, frames over frames, clear, show the cursor.
    const drawn = '\u001B[?25l\r\u001B[36m⠋\u001B[39m Preparing...\u001B[K\r\u001B[36m⠙\u001B[39m [1/5] background\u001B[K\r\u001B[K\u001B[?25h\r\u001B[K\u001B[?25h[success] Built extension in 4.428 s';
    expect(forLog(drawn)).toBe('[success] Built extension in 4.428 s');
  });

  it('leaves plain lines alone, colours taken out', () => {
    expect(forLog('  ├─ .output/chrome-mv3/manifest.json   646 B')).toBe('  ├─ .output/chrome-mv3/manifest.json   646 B');
    expect(forLog('WXT \u001B[1m\u001B[90m0.21.4\u001B[39m\u001B[22m')).toBe('WXT 0.21.4');
  });

  it('gives nothing for a line that only moved the cursor', () => {
    expect(forLog('\r\u001B[K\u001B[?25h')).toBe('');
  });
});
