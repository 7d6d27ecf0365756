// The client library's side of the socket: the docker CLI process first pings the
// daemon (HEAD /_ping, how moby's client negotiates the API version), then sends
// every request under the negotiated version prefix, /v1.51/containers/json.
// The engine's request log, which the page shows, records exactly that.
import { API_VERSION, type ApiRequest, type ApiResponse, type EngineClient } from '../core/daemon/api';

const UNVERSIONED = /^\/(?:_ping$|v\d+\.\d+\/)/;

/** One CLI process's connection: pings once, before its first request, and versions the paths. */
export function versionedClient(engine: EngineClient): EngineClient {
  let pinged: Promise<unknown> | undefined;
  return {
    async request(req: ApiRequest): Promise<ApiResponse> {
      if (UNVERSIONED.test(req.path)) return engine.request(req);
      // a failed ping is not fatal for the client either: the request itself reports the error
      pinged ??= engine.request({ method: 'HEAD', path: '/_ping' }).catch(() => undefined);
      await pinged;
      return engine.request({ ...req, path: `/v${API_VERSION}${req.path}` });
    },
  };
}
