/**
 * HTML building for the whole demo: hono/html's `html` tag escapes every value
 * put into it (`&<>"'`), so names such as `<img src=x onerror=alert(1)>` in the
 * `hostile` account print as text. Nothing else may write data into markup.
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export { html };

/** What `html` returns. Arrays of it may be put into `html` too; they are joined in order. */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/**
 * A value for `<script type="application/json">`: JSON with `<` written as
 * `\u003c`, so no string in it can close the script element.
 */
export function jsonForScript(value: unknown): Html {
  return raw(JSON.stringify(value).replace(/</g, '\\u003c'));
}

/** Our own file contents (scripts, styles), which are trusted and must not be escaped. */
export function trusted(text: string): Html {
  return raw(text);
}
