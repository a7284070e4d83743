import type { Session } from 'electron';

/** The renderer's Content-Security-Policy: only its own files, no remote content, no eval. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Whether a URL is the app's own renderer page (a file in the bundle, or the dev server). */
export function isOwnRendererUrl(url: string, rendererUrl: string): boolean {
  try {
    const actual = new URL(url);
    const own = new URL(rendererUrl);
    return actual.origin === own.origin && actual.pathname === own.pathname;
  } catch {
    return false;
  }
}

/**
 * The page the window loads and the only page whose calls are accepted. The dev server's URL
 * counts only in development: in a packaged app an environment variable must not be able to
 * point the window, and the sender check, at another page.
 */
export function rendererUrlFor(options: {
  readonly packaged: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly bundled: string;
}): string {
  const dev = options.env.ELECTRON_RENDERER_URL;
  return !options.packaged && dev ? dev : options.bundled;
}

/** The renderer's web preferences: isolated, sandboxed, no Node; no DevTools in a packaged app. */
export function secureWebPreferences(preload: string, options: { readonly packaged: boolean } = { packaged: true }) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    spellcheck: false,
    devTools: !options.packaged,
  } as const;
}

type PermissionHandlers = Pick<
  Session,
  'setPermissionCheckHandler' | 'setPermissionRequestHandler' | 'setDevicePermissionHandler'
>;

/** The app needs no camera, microphone, notifications, USB, HID or serial device: every ask is denied. */
export function denyPermissions(session: PermissionHandlers): void {
  session.setPermissionCheckHandler(() => false);
  session.setPermissionRequestHandler((_contents, _permission, answer) => answer(false));
  session.setDevicePermissionHandler(() => false);
}
