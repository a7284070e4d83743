import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isOwnRendererUrl, secureWebPreferences } from '../../src-main/security';

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
