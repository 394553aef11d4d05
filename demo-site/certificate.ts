/**
 * The demo's self-signed certificate for *.cleverence.ru and *.cleverence.com.
 * Made once with openssl into .cache/demo-cert/ (gitignored) and reused while
 * it has a day left; browsers in tests run with --ignore-certificate-errors.
 */
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export interface Certificate {
  key: string;
  cert: string;
}

const CACHE_DIR = fileURLToPath(new URL('../.cache/', import.meta.url));
const CERT_DIR = join(CACHE_DIR, 'demo-cert');
const NAMES = 'DNS:*.cleverence.ru,DNS:*.cleverence.com,DNS:cleverence.ru,DNS:cleverence.com';
const ONE_DAY_MS = 86_400_000;

function readUsable(dir: string): Certificate | undefined {
  try {
    const key = readFileSync(join(dir, 'key.pem'), 'utf8');
    const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    const x509 = new X509Certificate(cert);
    const fresh = Date.parse(x509.validTo) - Date.now() > ONE_DAY_MS;
    const namesAll = NAMES.split(',').every((name) => x509.subjectAltName?.includes(name));
    return fresh && namesAll ? { key, cert } : undefined;
  } catch {
    return undefined;
  }
}

export async function demoCertificate(): Promise<Certificate> {
  const cached = readUsable(CERT_DIR);
  if (cached) return cached;
  mkdirSync(CACHE_DIR, { recursive: true });
  // Made aside and moved in whole, so a second server starting at the same time never reads half a pair.
  const making = mkdtempSync(join(CACHE_DIR, 'demo-cert-'));
  try {
    await promisify(execFile)('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes',
      '-subj', '/CN=cleverence.ru',
      '-addext', `subjectAltName=${NAMES}`,
      '-days', '30',
      '-keyout', join(making, 'key.pem'),
      '-out', join(making, 'cert.pem'),
    ]);
    if (existsSync(CERT_DIR) && !readUsable(CERT_DIR)) rmSync(CERT_DIR, { recursive: true, force: true });
    try {
      renameSync(making, CERT_DIR);
    } catch {
      // Another server got there first; its pair is as good as ours.
    }
  } finally {
    rmSync(making, { recursive: true, force: true });
  }
  const made = readUsable(CERT_DIR);
  if (!made) throw new Error(`Could not make a certificate in ${CERT_DIR}`);
  return made;
}
