// Replays recorded container exchanges (tests/fixtures/real-cli/containers-cases.json):
// plain JSON answers, and hijacked attach/exec streams as HijackedConns that deliver the
// recorded frames and keep what the CLI wrote to the process's stdin.
import type {
  ApiRequest,
  ApiResponse,
  EngineClient,
  HijackedConn,
  JsonMessage,
  OutputFrame,
} from '../../src/core/daemon/api';
import { streamOf } from './engine-replay';

export interface RecordedExchange {
  req: { method: string; path: string; query: Record<string, string>; body?: unknown };
  res?: {
    status: number;
    body?: unknown;
    frames?: OutputFrame[];
    stdin?: string;
    stream?: JsonMessage[];
  } | null;
}

export class FrameReplay implements HijackedConn {
  written = '';
  closed = false;
  cancelled = false;
  constructor(
    readonly tty: boolean,
    private readonly frames: OutputFrame[],
  ) {}
  write(data: string): void {
    this.written += data;
  }
  closeWrite(): void {
    this.closed = true;
  }
  cancel(): void {
    this.cancelled = true;
  }
  async *[Symbol.asyncIterator](): AsyncIterator<OutputFrame> {
    for (const f of this.frames) {
      await Promise.resolve();
      if (this.cancelled) return;
      yield f;
    }
  }
}

export class ContainerReplayClient implements EngineClient {
  readonly requests: RecordedExchange['req'][] = [];
  readonly conns: FrameReplay[] = [];
  private readonly used = new Set<number>();

  constructor(private readonly exchanges: RecordedExchange[]) {}

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
    const i = this.exchanges.findIndex(
      (e, n) =>
        !this.used.has(n) &&
        e.req.method === r.method &&
        e.req.path === r.path &&
        JSON.stringify(Object.entries(e.req.query).sort()) === JSON.stringify(Object.entries(query).sort()),
    );
    if (i < 0) return { status: 404, body: { message: `no recorded answer for ${r.method} ${r.path}` } };
    this.used.add(i);
    const res = this.exchanges[i].res;
    if (!res) return new Promise(() => undefined); // the recording never answered (a blocked wait)
    if (res.stream) return { status: res.status, stream: streamOf(res.stream) };
    if (res.frames) {
      const tty = res.frames.some((f) => f.data.includes('\r\n'));
      const conn = new FrameReplay(tty, res.frames);
      this.conns.push(conn);
      return { status: res.status, conn };
    }
    return { status: res.status, body: res.body };
  }
}
