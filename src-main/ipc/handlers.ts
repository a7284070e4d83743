import type { Method, OutputOf, ParsedInputOf } from '../../src-shared/ipc/contract';
import type { ServiceContext } from '../services/context';

/** A handler per contract method; a missing or mistyped one is a compile error. */
export type Handlers = {
  [M in Method]: (context: ServiceContext, input: ParsedInputOf<M>) => OutputOf<M> | Promise<OutputOf<M>>;
};

/** A slice of the handler map for one domain. */
export type HandlerGroup<M extends Method> = Pick<Handlers, M>;
