// Engine API calls as the docker client library makes them: non-2xx answers become
// "Error response from daemon: <message>" errors, 404s are recognisable (errdefs.IsNotFound).

import type { ApiRequest, ApiResponse, EngineClient, JsonMessage, ApiStream } from '../core/daemon/api';
import { isStream } from '../core/daemon/api';
import { CliError } from './command';
import { goMarshal } from './go-json';

export class DaemonError extends CliError {
  constructor(
    readonly status: number,
    readonly daemonMessage: string,
  ) {
    super(`Error response from daemon: ${daemonMessage}`, 1);
  }

  get notFound(): boolean {
    return this.status === 404;
  }
}

function errorMessage(res: ApiResponse): string {
  if (isStream(res)) return `unexpected stream (status ${res.status})`;
  const b = res.body as { message?: unknown } | null;
  // client/request.go: strings.TrimSpace of the daemon's message
  if (b && typeof b === 'object' && typeof b.message === 'string') return b.message.trim();
  return typeof res.body === 'string' ? res.body.trim() : `unknown error (status ${res.status})`;
}

/** A request whose answer is a JSON body. */
export async function callJson(client: EngineClient, req: ApiRequest): Promise<unknown> {
  const res = await client.request(req);
  if (res.status < 200 || res.status >= 400) throw new DaemonError(res.status, errorMessage(res));
  if (isStream(res)) throw new CliError('unexpected stream response', 1);
  return res.body;
}

/** A request whose answer is a JSON-lines progress stream. */
export async function callStream(client: EngineClient, req: ApiRequest): Promise<ApiStream<JsonMessage>> {
  const res = await client.request(req);
  if (res.status < 200 || res.status >= 400) throw new DaemonError(res.status, errorMessage(res));
  if (!isStream(res)) throw new CliError('expected a progress stream', 1);
  return res.stream;
}

/** filters.Args.ToJSON: {"name":{"value":true}} with Go's sorted map keys. */
export function filtersJson(pairs: Array<[string, string]>): string | undefined {
  if (pairs.length === 0) return undefined;
  const byName = new Map<string, Set<string>>();
  for (const [k, v] of pairs) {
    if (!byName.has(k)) byName.set(k, new Set());
    byName.get(k)!.add(v);
  }
  const sort = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const obj: Record<string, Record<string, boolean>> = {};
  for (const k of [...byName.keys()].sort(sort)) {
    obj[k] = {};
    for (const v of [...byName.get(k)!].sort(sort)) obj[k][v] = true;
  }
  return goMarshal(obj, true);
}
