/**
 * electron-builder's afterSign hook: sends the signed macOS app to Apple's notary service and
 * staples the ticket. Credentials come only from the environment, never from the repository:
 * an Apple ID with an app-specific password and team (APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD,
 * APPLE_TEAM_ID), or an App Store Connect API key (APPLE_API_KEY = path of the .p8 file,
 * APPLE_API_KEY_ID, APPLE_API_ISSUER). Without them the build goes on, unnotarised, and says so.
 */
import { join } from 'node:path';
import type { AfterPackContext } from 'electron-builder';

/** The two notarytool credential kinds of @electron/notarize that come from the environment. */
export type NotaryCredentials = { appleId: string; appleIdPassword: string; teamId: string } | { appleApiKey: string; appleApiKeyId: string; appleApiIssuer: string };

export type NotarizeCredentials = { ok: true; credentials: NotaryCredentials; kind: 'apple-id' | 'api-key' } | { ok: false; reason: string };

const appleIdVars = ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'] as const;
const apiKeyVars = ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'] as const;

/** Which credentials the environment holds; a half-set group is an error, not a silent skip. */
export function notarizeCredentials(env: NodeJS.ProcessEnv): NotarizeCredentials {
  const value = (name: string): string => env[name]?.trim() ?? '';
  const group = (names: readonly string[]) => ({ set: names.filter((n) => value(n)), missing: names.filter((n) => !value(n)) });
  const appleId = group(appleIdVars);
  if (appleId.set.length > 0) {
    if (appleId.missing.length > 0) throw new Error(`notarisation: ${appleId.set.join(', ')} set but ${appleId.missing.join(', ')} missing`);
    return { ok: true, kind: 'apple-id', credentials: { appleId: value('APPLE_ID'), appleIdPassword: value('APPLE_APP_SPECIFIC_PASSWORD'), teamId: value('APPLE_TEAM_ID') } };
  }
  const apiKey = group(apiKeyVars);
  if (apiKey.set.length > 0) {
    if (apiKey.missing.length > 0) throw new Error(`notarisation: ${apiKey.set.join(', ')} set but ${apiKey.missing.join(', ')} missing`);
    return { ok: true, kind: 'api-key', credentials: { appleApiKey: value('APPLE_API_KEY'), appleApiKeyId: value('APPLE_API_KEY_ID'), appleApiIssuer: value('APPLE_API_ISSUER') } };
  }
  return { ok: false, reason: `no Apple credentials in the environment (set ${appleIdVars.join(', ')} or ${apiKeyVars.join(', ')})` };
}

export async function notarizeMacApp(context: AfterPackContext): Promise<void> {
  if (context.electronPlatformName !== 'darwin') return;
  const found = notarizeCredentials(process.env);
  if (!found.ok) {
    console.log(`  • skipped macOS notarisation: ${found.reason}`);
    return;
  }
  const appPath = join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`);
  console.log(`  • notarising ${appPath} with the ${found.kind} credentials`);
  const { notarize } = await import('@electron/notarize');
  await notarize({ appPath, ...found.credentials });
  console.log('  • notarised and stapled');
}
