/**
 * The demo's self-signed certificate for *.cleverence.ru and *.cleverence.com.
 * Made once into .cache/demo-cert/ (gitignored) and reused while it has a day
 * left; browsers in tests run with --ignore-certificate-errors. Made in
 * JavaScript (selfsigned, on Node's own WebCrypto) rather than by openssl,
 * which a fresh Windows machine does not have.
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'selfsigned';

export interface Certificate {
  key: string;
  cert: string;
}

const CACHE_DIR = fileURLToPath(new URL('../.cache/', import.meta.url));
const CERT_DIR = join(CACHE_DIR, 'demo-cert');
/** Where the certificate lies, for a person who wants to look at it (`npm run demo` says). */
export const CERTIFICATE_FILE = join(CERT_DIR, 'cert.pem');
const HOSTS = ['*.cleverence.ru', '*.cleverence.com', 'cleverence.ru', 'cleverence.com'];
/** As X509Certificate.subjectAltName says them. */
const NAMES = HOSTS.map((host) => `DNS:${host}`).join(',');
const DAYS = 30;
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
    const made = await generate([{ name: 'commonName', value: 'cleverence.ru' }], {
      keySize: 2048,
      algorithm: 'sha256',
      notAfterDate: new Date(Date.now() + DAYS * ONE_DAY_MS),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        // type 2: a DNS name.
        { name: 'subjectAltName', altNames: HOSTS.map((host) => ({ type: 2, value: host })) },
      ],
    });
    writeFileSync(join(making, 'key.pem'), made.private);
    writeFileSync(join(making, 'cert.pem'), made.cert);
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
