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

/** The renderer's web preferences: isolated, sandboxed, no Node. */
export function secureWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    spellcheck: false,
  } as const;
}
