// The Engine-API-shaped boundary between the CLI and the daemon. Requests and
// responses follow Docker Engine API v1.51 (moby api/swagger.yaml): the same
// paths, query parameters and JSON bodies, so the CLI formats exactly what a
// real client would receive.

export const API_VERSION = '1.51';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';

export interface ApiRequest {
  method: Method;
  /** Without the version prefix: "/images/json", "/images/python:3.13/json". */
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** The client's end of the connection: it hangs up when its command ends (the process exits). */
  client?: ClientEnd;
}

/**
 * The client side of a request's connection, as a handler that waits sees it:
 * the Go client's process closes its connections when it exits, and the
 * daemon then stops waiting for it (`docker run -d` leaves its wait behind).
 */
export interface ClientEnd {
  /** Call `fn` when the client hangs up; returns a function that stops listening. */
  onHangup(fn: () => void): () => void;
}

/** One message of a JSON-lines progress stream (pkg/jsonmessage JSONMessage). */
export interface JsonMessage {
  stream?: string;
  status?: string;
  progressDetail?: { current?: number; total?: number };
  progress?: string;
  id?: string;
  errorDetail?: { message: string };
  error?: string;
  aux?: unknown;
}

export interface ApiStream<T> {
  /** Messages as they happen (on the world's clock). Ends when the work ends. */
  [Symbol.asyncIterator](): AsyncIterator<T>;
  /** Stop early (the client hung up, e.g. Ctrl-C): work in flight is cancelled as the daemon would. */
  cancel(): void;
}

/** One chunk of a container's output (a stdcopy frame); a TTY's output is all `stdout`. */
export interface OutputFrame {
  stream: 'stdout' | 'stderr';
  data: string;
}

/**
 * A hijacked connection (attach, exec start, logs): the process's output as
 * frames and, for attach/exec with stdin, a way to type into it. With `tty`
 * the frames are raw terminal output (CR LF line ends), not demultiplexed.
 */
export interface HijackedConn extends ApiStream<OutputFrame> {
  readonly tty: boolean;
  /** Bytes to the process's stdin (ignored when stdin is not attached). */
  write(data: string): void;
  /** CloseWrite: end of file on the process's stdin. */
  closeWrite(): void;
}

export type ApiResponse =
  | { status: number; body: unknown; headers?: Readonly<Record<string, string>> }
  | { status: number; stream: ApiStream<JsonMessage> }
  | { status: number; body?: undefined; conn: HijackedConn }
  | { status: number; body?: undefined; json: ApiStream<unknown> };

/** Errors are `{"message": "…"}` with 4xx/5xx, as the daemon sends them. */
export interface ApiErrorBody {
  message: string;
}

export interface EngineClient {
  request(req: ApiRequest): Promise<ApiResponse>;
}

export function isStream(r: ApiResponse): r is { status: number; stream: ApiStream<JsonMessage> } {
  return 'stream' in r;
}

export function isConn(r: ApiResponse): r is { status: number; conn: HijackedConn } {
  return 'conn' in r;
}

/**
 * A stream of JSON documents, one per line, for as long as the daemon has
 * something to say (`GET /events`, `GET /containers/{id}/stats?stream=1`).
 */
export function isJsonStream(r: ApiResponse): r is { status: number; json: ApiStream<unknown> } {
  return 'json' in r;
}
