/**
 * e2e/harness.ts's Chromium, flags and demo host mapping, with no extension
 * (to tell the page's own main-thread work apart) or with another build of
 * it (bench/profile.ts loads an unminified one).
 */
import { launch, logIn, type Session } from '../e2e/harness';

export interface BenchSession extends Session {
  /** The extension's id, when one is loaded. */
  extensionId?: string;
}

export async function launchChromium(options: { extensionDir?: string; locale?: string } = {}): Promise<BenchSession> {
  const session = await launch({ locale: options.locale, extensionDir: options.extensionDir ?? false });
  return { ...session, extensionId: session.worker && new URL(session.worker.url()).host };
}

export const logInTo = logIn;
