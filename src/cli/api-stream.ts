// Engine API answers that are a stream of JSON documents, one per line, for as
// long as the daemon has something to say: `GET /containers/{id}/stats?stream=1`
// and `GET /events`. Errors before the stream starts are the daemon's JSON errors.

import type { ApiRequest, ApiResponse, ApiStream, EngineClient } from '../core/daemon/api';
import { isJsonStream } from '../core/daemon/api';
import { DaemonError } from './api-call';

function message(res: ApiResponse): string {
  const b = (res as { body?: unknown }).body as { message?: unknown } | null | undefined;
  if (b && typeof b === 'object' && typeof b.message === 'string') return b.message.trim();
  return `unknown error (status ${res.status})`;
}

/**
 * A request answered by documents: a stream, or a single body (e.g. stats with
 * stream=0) delivered as a one-document stream.
 */
export async function callJsonStream(client: EngineClient, req: ApiRequest): Promise<ApiStream<unknown>> {
  const res = await client.request(req);
  if (res.status < 200 || res.status >= 400) throw new DaemonError(res.status, message(res));
  if (isJsonStream(res)) return res.json;
  const body = (res as { body?: unknown }).body;
  let done = false;
  return {
    cancel() {
      done = true;
    },
    [Symbol.asyncIterator]() {
      return {
        next: () => {
          if (done) return Promise.resolve({ value: undefined, done: true });
          done = true;
          return Promise.resolve({ value: body, done: false });
        },
        return: () => {
          done = true;
          return Promise.resolve({ value: undefined, done: true });
        },
      };
    },
  };
}
