/**
 * `tsx scripts/wxt.ts build|zip …`: WXT's own command, with its output made
 * fit for a log. WXT draws a spinner (carriage returns, cursor and erase
 * codes, 12 frames a second) whether or not anyone watches; in a terminal
 * that is what it is for, so the output is left alone; written to a file or
 * a CI log, only what each line ends up saying is kept.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** What a log keeps of a terminal line: the text after its last carriage return, with no escape codes. */
export function forLog(line: string): string {
  // eslint-disable-next-line no-control-regex -- the codes are what is removed
  return (line.split('\r').filter((part) => part.replace(/\x1B\[[0-9;?]*[A-Za-z]/g, '').trim() !== '').at(-1) ?? '').replace(/\x1B\[[0-9;?]*[A-Za-z]/g, '');
}

function main(): void {
  const wxt = resolve(import.meta.dirname, '../node_modules/wxt/bin/wxt.mjs');
  const terminal = Boolean(process.stdout.isTTY);
  const child = spawn(process.execPath, [wxt, ...process.argv.slice(2)], { stdio: ['inherit', terminal ? 'inherit' : 'pipe', 'inherit'] });
  if (!terminal) {
    let rest = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop()!;
      for (const line of lines) {
        const kept = forLog(line);
        if (kept.trim() !== '') process.stdout.write(`${kept}\n`);
      }
    });
    child.stdout!.on('end', () => {
      const kept = forLog(rest);
      if (kept.trim() !== '') process.stdout.write(`${kept}\n`);
    });
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
