/**
 * CSV as a spreadsheet in a Russian locale opens it: RFC 4180 quoting, `;`
 * between fields, CRLF between lines and a byte-order mark (so Excel reads
 * UTF-8). A CSV library would be the only one in the content script for
 * these few lines.
 */
function field(value: string): string {
  // A leading = + - @ would make a spreadsheet run the cell as a formula.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The header line is given as it should appear (already `;`-joined, from the locale). */
export function toCsv(header: string, rows: ReadonlyArray<readonly string[]>): string {
  return `\uFEFF${[header, ...rows.map((row) => row.map(field).join(';'))].join('\r\n')}\r\n`;
}
