// The Engine API requests as the page lists them: grouped under the command line
// that sent them (`$ docker run -d nginx` → POST /v1.51/containers/create → 201, …),
// so a student sees the client/daemon split behind every docker command.
import type { RequestLogEntry } from '../core/daemon/engine';

export interface RequestLine {
  readonly seq: number;
  readonly entry: RequestLogEntry;
  /** The command line that was running when the daemon answered; null for requests of no command. */
  readonly command: string | null;
  /** Only the latest answers are kept (a `ps` over many containers answers a lot of JSON). */
  readonly answerKept: boolean;
}

export interface RequestGroup {
  readonly command: string | null;
  readonly lines: readonly RequestLine[];
}

/** Keeps the last `limit` requests with the command each belongs to, and the last `answers` answers. */
export class RequestHistory {
  private list: RequestLine[] = [];
  private seq = 0;
  constructor(
    private readonly limit = 300,
    private readonly answers = 30,
  ) {}

  add(entry: RequestLogEntry, command: string | null): void {
    this.list.push({ seq: ++this.seq, entry, command, answerKept: true });
    const old = this.list.length - 1 - this.answers;
    const line = this.list[old];
    if (line?.answerKept)
      this.list[old] = { ...line, entry: { ...line.entry, response: undefined }, answerKept: false };
    // drop in chunks: the list is copied for the page anyway
    if (this.list.length > this.limit * 1.25) this.list = this.list.slice(-this.limit);
  }

  lines(): readonly RequestLine[] {
    return this.list.length > this.limit ? this.list.slice(-this.limit) : [...this.list];
  }
}

/** Consecutive requests of one command line form a group. */
export function groupByCommand(lines: readonly RequestLine[]): RequestGroup[] {
  const groups: Array<{ command: string | null; lines: RequestLine[] }> = [];
  for (const l of lines) {
    const last = groups.at(-1);
    // a new group starts at each command's ping too: two `docker ps` in a row are two groups
    const fresh = l.entry.path === '/_ping' && last?.lines.some((x) => x.entry.path !== '/_ping');
    if (last && last.command === l.command && !fresh) last.lines.push(l);
    else groups.push({ command: l.command, lines: [l] });
  }
  return groups;
}

/** `/v1.51/containers/json?all=1`: the path and its query, readable (not percent-encoded). */
export function requestTarget(e: RequestLogEntry): string {
  const q = Object.entries(e.query)
    .filter((kv): kv is [string, string] => kv[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) // url.Values.Encode sorts by key
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return q ? `${e.path}?${q}` : e.path;
}

/** What came back, in a word, for the line's right-hand side. */
export function responseKind(e: RequestLogEntry): string {
  if (e.kind === 'stream') return 'stream';
  if (e.kind === 'conn') return 'hijacked';
  return '';
}

const MAX_CHARS = 6000;

/** A body as indented JSON, cut where it would swamp the panel. */
export function bodyText(body: unknown): string | null {
  if (body === undefined || body === null || body === '') return null;
  let text: string;
  try {
    text = typeof body === 'string' ? body : (JSON.stringify(body, null, 2) ?? String(body));
  } catch {
    text = String(body);
  }
  return text.length > MAX_CHARS
    ? `${text.slice(0, MAX_CHARS)}\n… (${text.length - MAX_CHARS} more characters)`
    : text;
}
