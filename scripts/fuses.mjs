// Flips Electron's fuses in a packed app: electron-builder's afterPack hook, or by hand
// with `node scripts/fuses.mjs PATH-TO-BINARY-OR-.app` (add --read to only print them).
import fusesModule from '@electron/fuses';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const { flipFuses, getCurrentFuseWire, FuseV1Options, FuseVersion } = fusesModule;

/**
 * What each fuse is set to. GrantFileProtocolExtraPrivileges stays on: the window loads
 * its page and module scripts from file://; serving it from a custom protocol would let
 * it go. The V8 snapshot fuse is left as Electron ships it.
 */
export const TAPLINE_FUSES = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
};

/** The file that holds the fuse wire in electron-builder's output for one platform. */
export function packedBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return path.join(appOutDir, `${name}.app`);
  }
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${name}.exe`);
  return path.join(appOutDir, packager.executableName);
}

export async function applyFuses(binary, { arm64Mac = false } = {}) {
  await flipFuses(binary, {
    version: FuseVersion.V1,
    // Flipping invalidates the ad-hoc signature an arm64 Mac needs to start the app.
    resetAdHocDarwinSignature: arm64Mac,
    ...TAPLINE_FUSES,
  });
}

/** The fuses as named states, for the log and for checking a build. */
export async function readFuses(binary) {
  const wire = await getCurrentFuseWire(binary);
  const states = { 48: 'off', 49: 'on', 114: 'removed' };
  return Object.fromEntries(Object.entries(wire)
    .filter(([key]) => key !== 'version')
    .map(([key, value]) => [FuseV1Options[Number(key)] ?? `fuse${key}`,
      states[value] ?? `unknown(${value})`]));
}

export default async function afterPack(context) {
  const binary = packedBinary(context);
  // electron-builder's Arch enum: 3 is arm64.
  const arm64Mac = context.electronPlatformName === 'darwin' && context.arch === 3;
  await applyFuses(binary, { arm64Mac });
  console.log(`[fuses] ${binary}: ${JSON.stringify(await readFuses(binary))}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const binary = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
  if (!binary) {
    console.error('usage: node scripts/fuses.mjs [--read] PATH-TO-ELECTRON-BINARY-OR-.app');
    process.exit(2);
  }
  if (!process.argv.includes('--read')) await applyFuses(binary);
  console.log(JSON.stringify(await readFuses(binary), null, 2));
}
