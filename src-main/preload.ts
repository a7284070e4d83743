import { contextBridge, ipcRenderer } from 'electron';
import { events, type EventName } from '../src-shared/ipc/events';
import { EVENT_CHANNEL_PREFIX, RPC_CHANNEL } from '../src-shared/ipc/api';

// The whole bridge: one generic call over one channel, and allow-listed events.
contextBridge.exposeInMainWorld('api', {
  call: (method: string, input: unknown) => ipcRenderer.invoke(RPC_CHANNEL, method, input),
  on: (event: EventName, listener: (payload: unknown) => void) => {
    if (!events.includes(event)) throw new Error(`Unknown event: ${String(event)}`);
    const forward = (_: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL_PREFIX + event, forward);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL_PREFIX + event, forward);
  },
});
