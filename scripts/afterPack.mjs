import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';

/**
 * The fuses of the packaged app: no running as plain Node, no NODE_OPTIONS, no --inspect, cookies
 * encrypted, the app loaded only from its asar, whose integrity is checked where Electron can
 * (macOS, Windows). test/dist/check.ts reads them back from the packed binary.
 */
export const fuses = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
};

/** The packed Electron binary, named as electron-builder names it on each platform. */
function binaryOf({ appOutDir, electronPlatformName, packager }) {
  const extension = { darwin: '.app', mas: '.app', win32: '.exe' }[electronPlatformName] ?? '';
  const name = electronPlatformName === 'linux' ? packager.executableName : packager.appInfo.productFilename;
  return join(appOutDir, `${name}${extension}`);
}

/** electron-builder's afterPack hook: fuses are flipped after packing and before signing. */
export default async function afterPack(context) {
  const binary = binaryOf(context);
  await flipFuses(binary, {
    version: FuseVersion.V1,
    // Flipping a fuse breaks an Apple silicon binary's ad-hoc signature; signing, if any, comes after.
    resetAdHocDarwinSignature: binary.endsWith('.app'),
    ...fuses,
  });
}
