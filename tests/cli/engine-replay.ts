// Test helpers: an EngineClient that answers from recorded exchanges (the real CLI's
// requests and the fake daemon's answers), and a CommandIO that collects output.
import type {
  ApiRequest,
  ApiResponse,
  EngineClient,
  JsonMessage,
  ApiStream,
} from '../../src/core/daemon/api';
import type { CommandIO } from '../../src/cli/io';

export interface Exchange {
  req: { method: string; path: string; query: Record<string, string>; body?: unknown };
  res: { status: number; body?: unknown; stream?: JsonMessage[] };
}

export function streamOf(msgs: JsonMessage[]): ApiStream<JsonMessage> & { cancelled: boolean } {
  const s = {
    cancelled: false,
    cancel() {
      s.cancelled = true;
    },
    async *[Symbol.asyncIterator]() {
      for (const m of msgs) {
        if (s.cancelled) return;
        yield m;
      }
    },
  };
  return s;
}

/** Answers each request with the recorded response for an identical request. */
export class ReplayClient implements EngineClient {
  readonly requests: Array<Exchange['req']> = [];
  constructor(private readonly exchanges: Exchange[]) {}

  async request(req: ApiRequest): Promise<ApiResponse> {
    const query = Object.fromEntries(
      Object.entries(req.query ?? {}).filter(([, v]) => v !== undefined),
    ) as Record<string, string>;
    const r = {
      method: req.method,
      path: req.path,
      query,
      ...(req.body !== undefined ? { body: req.body } : {}),
    };
    this.requests.push(r);
    const hit = this.exchanges.find(
      (e) =>
        e.req.method === r.method &&
        decodeURIComponent(e.req.path) === decodeURIComponent(r.path) &&
        JSON.stringify(sortObj(e.req.query)) === JSON.stringify(sortObj(query)),
    );
    if (!hit)
      return {
        status: 404,
        body: { message: `no recorded answer for ${r.method} ${r.path} ${JSON.stringify(query)}` },
      };
    if (hit.res.stream) return { status: hit.res.status, stream: streamOf(hit.res.stream) };
    return { status: hit.res.status, body: hit.res.body };
  }
}

function sortObj(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  );
}

export interface CapturedIO extends CommandIO {
  out: string;
  err: string;
  /** stdout and stderr interleaved in write order (what a terminal shows). */
  all: string;
}

export function captureIO(
  opts: { tty?: boolean; columns?: number; now?: number; stdin?: string } = {},
): CapturedIO {
  const lines = opts.stdin !== undefined ? opts.stdin.split('\n') : undefined;
  if (lines && lines[lines.length - 1] === '') lines.pop();
  const io: CapturedIO = {
    out: '',
    err: '',
    all: '',
    isTTY: opts.tty ?? false,
    columns: opts.columns ?? (opts.tty ? 120 : 200),
    stdout: { write: (s) => ((io.out += s), (io.all += s)) },
    stderr: { write: (s) => ((io.err += s), (io.all += s)) },
    now: opts.now !== undefined ? () => opts.now! : undefined,
    // stdin is /dev/null unless the case pipes something in
    readLine: async () => (lines && lines.length ? lines.shift()! : null),
  };
  return io;
}
