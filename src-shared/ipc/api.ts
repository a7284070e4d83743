import type { Envelope } from './envelope';
import type { EventName, EventPayloads, InputOf, Method, OutputOf } from './contract';

/** What the preload puts on `window.api`, and what the test harness binds the same way. */
export type Api = {
  call<M extends Method>(method: M, input: InputOf<M>): Promise<Envelope<OutputOf<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};

export const RPC_CHANNEL = 'rpc';
export const EVENT_CHANNEL_PREFIX = 'event:';
