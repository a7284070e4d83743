import { describe, expect, it, vi } from 'vitest';
import { handlers } from '../../src-main/services/handlers';
import { contract } from '../../src-shared/ipc/contract';
import { events } from '../../src-shared/ipc/events';
import { RPC_CHANNEL } from '../../src-shared/ipc/api';
import { failed, ok, testApp } from './helpers';

// Electron cannot run here: the preload is loaded against a recording stand-in for its two modules.
const bridge = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as unknown[][],
  subscribed: [] as string[],
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => bridge.exposed.set(key, value) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      bridge.invoked.push(args);
      return Promise.resolve({ ok: true, value: null });
    },
    on: (channel: string) => bridge.subscribed.push(channel),
    removeListener: () => undefined,
  },
}));

describe('wiring', () => {
  it('main registers exactly the contract methods', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort());
  });

  it('the preload exposes only window.api = { call, on } over one channel', async () => {
    await import('../../src-main/preload');
    expect([...bridge.exposed.keys()]).toEqual(['api']);
    const api = bridge.exposed.get('api') as Record<string, (...args: unknown[]) => unknown>;
    expect(Object.keys(api).sort()).toEqual(['call', 'on']);
    await api.call?.('customers:list', { query: 'x' });
    expect(bridge.invoked).toEqual([[RPC_CHANNEL, 'customers:list', { query: 'x' }]]);
    const off = api.on?.(events[0], () => undefined);
    expect(typeof off).toBe('function');
    expect(() => api.on?.('not-an-event', () => undefined)).toThrow(/Unknown event/);
  });

  it('the dispatcher refuses unknown methods and invalid input with an envelope', async () => {
    const app = await testApp();
    expect(failed(await app.dispatch('db:dropEverything', {}))).toMatchObject({ code: 'unknown-method' });
    expect(failed(await app.dispatch('__proto__', {}))).toMatchObject({ code: 'unknown-method' });
    expect(failed(await app.dispatch('toString', {}))).toMatchObject({ code: 'unknown-method' });
    const invalid = failed(await app.dispatch('customers:get', { id: 'not-a-uuid' }));
    expect(invalid.code).toBe('invalid-input');
    expect(invalid.fields?.id).toBeDefined();
    expect(failed(await app.dispatch('customers:list', { limit: -1 })).code).toBe('invalid-input');
  });

  it('answers are plain JSON values', async () => {
    const app = await testApp();
    const info = ok(await app.call('app:info', {}));
    expect(JSON.parse(JSON.stringify(info))).toEqual(info);
    expect(info.schemaVersion).toBeGreaterThan(0);
  });
});
