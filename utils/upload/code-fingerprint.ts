/**
 * A fingerprint of an activation code: enough to recognise a code typed again
 * ("already in this account"), of no use for getting the code back. What an
 * upload keeps of its codes once their day is over (see job-store.ts): a
 * finished job's report keeps outcomes, not secrets.
 *
 * FNV-1a over 64 bits, as two 32-bit halves: synchronous, so the preview can
 * ask for each line as the user types, and with 2^64 values, two codes of one
 * account that share a fingerprint are not a case to plan for. Not a
 * cryptographic hash, and it does not need to be: a code has 100 bits or more
 * of randomness (5 groups of 5 of 36 symbols), far more than 64 bits leave to
 * be guessed back from.
 */
import { codeKey } from './activation-code';

export function codeFingerprint(code: string): string {
  const key = codeKey(code);
  // The FNV-1a 64-bit offset basis and prime, split into 32-bit halves.
  let high = 0xcbf29ce4;
  let low = 0x84222325;
  for (let index = 0; index < key.length; index++) {
    low = (low ^ key.charCodeAt(index)) >>> 0;
    // Multiply (high, low) by the prime 0x100000001b3 = 2^40 + 0x1b3, keeping 64 bits.
    const lowTimes = low * 0x1b3;
    const carry = Math.floor(lowTimes / 0x100000000);
    high = (high * 0x1b3 + (low << 8) + carry) >>> 0;
    low = lowTimes >>> 0;
  }
  return `fp:${high.toString(16).padStart(8, '0')}${low.toString(16).padStart(8, '0')}`;
}

/** A code shortened to its first and last group (`B5R0L-…-RBRM3`): the user can still tell which it was. */
export function maskedCode(code: string): string {
  const groups = code.split('-');
  return groups.length > 2 ? `${groups[0]}-…-${groups.at(-1)}` : '…';
}

/**
 * Whether a set of codes known in an account (job-store.ts codesKnownInAccount,
 * with the codes the account's list shows) holds this code: by its key while
 * a job keeps its codes, by its fingerprint once it has forgotten them.
 */
export const knownCode = (known: ReadonlySet<string>, code: string) => known.has(codeKey(code)) || known.has(codeFingerprint(code));
