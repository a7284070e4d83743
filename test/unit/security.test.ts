import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from '../../src-main/menu';
import {
  CONTENT_SECURITY_POLICY,
  denyPermissions,
  isOwnRendererUrl,
  rendererUrlFor,
  secureWebPreferences,
} from '../../src-main/security';

describe('Electron security settings', () => {
  it('isolates and sandboxes the renderer with no Node', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
  });

  it('has a strict Content-Security-Policy, the same in the page and in the header', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
    const html = readFileSync(resolve(import.meta.dirname, '../../src-renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta?.split('; ').slice(0, 8)).toEqual(CONTENT_SECURITY_POLICY.split('; ').slice(0, 8));
  });

  it('accepts calls only from the app’s own page', () => {
    const own = 'file:///opt/Service%20Allocator/resources/app.asar/out/renderer/index.html';
    expect(isOwnRendererUrl(own, own)).toBe(true);
    expect(isOwnRendererUrl(`${own}#/x`, own)).toBe(true);
    expect(isOwnRendererUrl('https://evil.example/out/renderer/index.html', own)).toBe(false);
    expect(isOwnRendererUrl('file:///tmp/other.html', own)).toBe(false);
    expect(isOwnRendererUrl('not a url', own)).toBe(false);
  });
});

describe('Electron shell in a packaged build', () => {
  const bundled = 'file:///opt/Service%20Allocator/resources/app.asar/out/renderer/index.html';

  it('ignores ELECTRON_RENDERER_URL once packaged: the window and the sender check trust only the bundle', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173/' };
    expect(rendererUrlFor({ packaged: true, env, bundled })).toBe(bundled);
    expect(rendererUrlFor({ packaged: false, env, bundled })).toBe('http://localhost:5173/');
    expect(rendererUrlFor({ packaged: false, env: {}, bundled })).toBe(bundled);
  });

  it('denies every permission check, request and device', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    denyPermissions({
      setPermissionCheckHandler: (handler) => void (handlers.check = handler as never),
      setPermissionRequestHandler: (handler) => void (handlers.request = handler as never),
      setDevicePermissionHandler: (handler) => void (handlers.device = handler as never),
    });
    expect(Object.keys(handlers).sort()).toEqual(['check', 'device', 'request']);
    expect((handlers.check as () => boolean)()).toBe(false);
    expect((handlers.device as () => boolean)()).toBe(false);
    const answers: boolean[] = [];
    (handlers.request as (a: unknown, b: unknown, allow: (granted: boolean) => void) => void)(
      null,
      'media',
      (granted) => answers.push(granted),
    );
    expect(answers).toEqual([false]);
  });

  it('packaged menus have no DevTools or Reload; File has Restore backup…', () => {
    const roles = (packaged: boolean) =>
      menuTemplate(
        { command: () => undefined, restoreBackup: () => undefined, recent: { label: 'Open recent' } },
        { packaged },
      ).flatMap((menu) => (Array.isArray(menu.submenu) ? menu.submenu.map((item) => item.role ?? item.label) : []));
    for (const role of ['reload', 'forceReload', 'toggleDevTools']) expect(roles(true)).not.toContain(role);
    expect(roles(false)).toContain('toggleDevTools');
    expect(roles(true)).toContain('Restore backup…');
    expect(secureWebPreferences('/app/preload.cjs', { packaged: true })).toMatchObject({ devTools: false });
  });
});
