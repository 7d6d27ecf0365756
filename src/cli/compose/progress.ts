// Compose v2's progress display (pkg/progress of docker/compose v2.40): on a
// terminal, a block redrawn in place — "[+] Running 3/3" and one line per
// resource with a spinner or ✔, the status, and a right-aligned timer — every
// 100 ms of the world's clock; otherwise one plain line per event.
import type { CommandIO, Output } from '../io';
import { humanSize } from '../units';

export type EventStatus = 'working' | 'done' | 'warning' | 'error';

export interface ProgressEvent {
  id: string;
  parentId?: string;
  text?: string;
  status: EventStatus;
  statusText?: string;
  current?: number;
  total?: number;
  percent?: number;
}

export interface ProgressWriter {
  event(e: ProgressEvent): void;
  /** A line printed after the block (compose's TailMsgf). */
  tail(msg: string): void;
  /** Draw the final state and stop redrawing. */
  stop(): void;
}

const ESC = '\x1b[';
const color = (code: string) => (s: string) => `${ESC}${code}m${s}${ESC}0m`;
export const COLORS = {
  done: color('34'),
  timer: color('34'),
  count: color('33'),
  warning: color('33;1'),
  success: color('32'),
  error: color('31;1'),
};

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const PERCENT_CHARS = [...'⠀⡀⣀⣄⣤⣦⣶⣷⣿'];

interface Tracked extends ProgressEvent {
  start: number;
  end?: number;
  /** Spinner frames drawn so far. */
  frame: number;
}

/** Go's fmt.Fprintln of the plain writer: operands joined by spaces. */
export class PlainWriter implements ProgressWriter {
  constructor(private readonly out: Output) {}
  event(e: ProgressEvent): void {
    this.out.write(` ${e.id} ${e.text ?? ''} ${e.statusText ?? ''}\n`);
  }
  tail(msg: string): void {
    this.out.write(`${msg}\n`);
  }
  stop(): void {}
}

/** Visible length: ANSI colour codes do not count. */
function lenAnsi(s: string): number {
  // eslint-disable-next-line no-control-regex
  return [...s.replace(/\x1b\[[0-9;]*m/g, '')].length;
}

export class TtyWriter implements ProgressWriter {
  private readonly events = new Map<string, Tracked>();
  private readonly ids: string[] = [];
  private readonly tails: string[] = [];
  private numLines = 0;
  private repeated = false;
  private stopped = false;

  constructor(
    private readonly out: Output,
    private readonly title: string,
    private readonly now: () => number,
    private readonly size: () => { columns: number; rows: number },
    sleep: ((ms: number) => Promise<void>) | undefined,
  ) {
    // the ticker: redraw every 100 ms while the work runs
    if (sleep) {
      void (async () => {
        for (;;) {
          try {
            await sleep(100);
          } catch {
            return;
          }
          if (this.stopped) return;
          this.print();
        }
      })();
    }
  }

  event(e: ProgressEvent): void {
    if (!this.ids.includes(e.id)) this.ids.push(e.id);
    const last = this.events.get(e.id);
    if (!last) {
      const t: Tracked = { ...e, start: this.now(), frame: 0 };
      if (e.status === 'done' || e.status === 'error') t.end = t.start;
      this.events.set(e.id, t);
      return;
    }
    if (e.status !== 'working' && last.status !== e.status) last.end = this.now();
    if (e.status === 'working') last.end = undefined;
    last.status = e.status;
    last.text = e.text;
    last.statusText = e.statusText;
    // progress only goes up
    if ((e.total ?? 0) > (last.total ?? 0)) last.total = e.total;
    if ((e.current ?? 0) > (last.current ?? 0)) last.current = e.current;
    if ((e.percent ?? 0) > (last.percent ?? 0)) last.percent = e.percent;
    if (!last.parentId || !e.parentId) last.parentId = e.parentId;
  }

  tail(msg: string): void {
    this.tails.push(msg);
  }

  stop(): void {
    if (this.stopped) return;
    this.print();
    this.stopped = true;
    for (const t of this.tails) this.out.write(`${t}\n`);
  }

  private numDone(): number {
    let n = 0;
    for (const e of this.events.values()) if (e.status !== 'working') n++;
    return n;
  }

  private print(): void {
    if (this.ids.length === 0 || this.stopped) return;
    const { columns: width, rows: height } = this.size();
    let out = `${ESC}1A`.repeat(this.numLines + 1);
    if (!this.repeated) out += `${ESC}1B`;
    this.repeated = true;
    out += `${ESC}0G${ESC}?25l`;
    let first = `[+] ${this.title} ${this.numDone()}/${this.events.size}`;
    if (this.numLines !== 0 && this.numDone() === this.numLines) first = COLORS.done(first);
    out += `${first}\n`;
    let padding = 0;
    for (const id of this.ids) {
      const e = this.events.get(id) as Tracked;
      padding = Math.max(padding, `${e.id} ${e.text ?? ''}`.length);
      if (e.parentId) padding -= 2;
    }
    const skipChildren = this.ids.length > height - 2;
    let lines = 0;
    for (const id of this.ids) {
      const e = this.events.get(id) as Tracked;
      if (e.parentId) continue;
      out += this.lineText(e, '', width, padding);
      lines++;
      if (skipChildren) continue;
      for (const cid of this.ids) {
        const c = this.events.get(cid) as Tracked;
        if (c.parentId !== e.id) continue;
        out += this.lineText(c, '  ', width, padding);
        lines++;
      }
    }
    for (let i = lines; i < this.numLines; i++) {
      if (lines < height - 2) {
        out += `${' '.repeat(width)}\n`;
        lines++;
      }
    }
    this.numLines = lines;
    out += `${ESC}?25h`;
    this.out.write(out);
  }

  private spinner(e: Tracked): string {
    switch (e.status) {
      case 'done':
        return COLORS.success('✔');
      case 'warning':
        return COLORS.warning('!');
      case 'error':
        return COLORS.error('✘');
      default:
        return COLORS.count(SPINNER[e.frame++ % SPINNER.length]);
    }
  }

  private lineText(e: Tracked, pad: string, width: number, statusPadding: number): string {
    const end = e.status === 'working' ? this.now() : (e.end ?? e.start);
    const elapsed = (end - e.start) / 1000;
    let total = 0;
    let current = 0;
    let hideDetails = false;
    const completion: string[] = [];
    if (e.status === 'working') {
      for (const id of this.ids) {
        const c = this.events.get(id) as Tracked;
        if (c.parentId !== e.id) continue;
        if (c.status === 'working' && !c.total) hideDetails = true;
        total += c.total ?? 0;
        current += c.current ?? 0;
        completion.push(PERCENT_CHARS[Math.floor(((PERCENT_CHARS.length - 1) * (c.percent ?? 0)) / 100)]);
      }
    }
    if (total === 0) hideDetails = true;
    let txt: string;
    if (completion.length > 0) {
      const details = hideDetails ? '' : ` ${humanSize(current).padStart(7)} / ${humanSize(total).padEnd(7)}`;
      txt = `${e.id} [${COLORS.success(completion.join(''))}]${details} ${e.text ?? ''}`;
    } else txt = `${e.id} ${e.text ?? ''}`;
    const textLen = txt.length;
    const padding = Math.max(0, statusPadding - textLen);
    const maxStatusLen = width - textLen - statusPadding - 15;
    let status = e.statusText ?? '';
    if (maxStatusLen > 0 && status.length > maxStatusLen) status = `${status.slice(0, maxStatusLen)}...`;
    const colored =
      e.status === 'done'
        ? COLORS.success(status)
        : e.status === 'warning'
          ? COLORS.warning(status)
          : e.status === 'error'
            ? COLORS.error(status)
            : status;
    const text = `${pad} ${this.spinner(e)} ${txt}${' '.repeat(padding)} ${colored}`;
    const timer = COLORS.timer(`${elapsed.toFixed(1)}s `);
    const fill = Math.max(0, width - lenAnsi(text) - lenAnsi(timer));
    return `${text}${' '.repeat(fill)}${timer}\n`;
  }
}

/** The writer compose picks for its info stream (stderr): the live block on a terminal, plain lines otherwise. */
export function progressWriter(io: CommandIO, title: string): ProgressWriter {
  if (!io.isTTY) return new PlainWriter(io.stderr);
  return new TtyWriter(
    io.stderr,
    title,
    () => (io.now ? io.now() : 0),
    () => ({ columns: io.columns, rows: io.rows ?? 24 }),
    io.sleep,
  );
}
