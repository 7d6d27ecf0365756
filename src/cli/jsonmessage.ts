// moby pkg/jsonmessage DisplayJSONMessagesStream: how `docker pull` draws the
// daemon's progress stream. On a TTY every layer id owns a line that is redrawn in
// place (ESC[nA, ESC[2K, CR … ESC[nB); elsewhere progress frames are dropped.

import type { JsonMessage } from '../core/daemon/api';
import { humanSize } from './units';

/** JSONProgress.String(); width > 110 draws the bar (a non-TTY counts as 200 columns). */
export function progressString(p: { current?: number; total?: number }, width: number): string {
  const current = p.current ?? 0;
  const total = p.total ?? 0;
  if (current <= 0 && total <= 0) return '';
  if (total <= 0) return humanSize(current).padStart(8);
  let percentage = Math.trunc(Math.trunc((current / total) * 100) / 2);
  if (percentage > 50) percentage = 50;
  let bar = '';
  if (width > 110) bar = `[${'='.repeat(percentage)}>${' '.repeat(Math.max(0, 50 - percentage))}] `;
  const cur = humanSize(current);
  const numbers = current > total ? cur.padStart(8) : `${cur.padStart(8)}/${humanSize(total)}`;
  return bar + numbers;
}

const up = (n: number) => (n === 0 ? '' : `\x1b[${n}A`);
const down = (n: number) => (n === 0 ? '' : `\x1b[${n}B`);

export class JsonMessageRenderer {
  private ids = new Map<string, number>();

  constructor(
    private readonly write: (s: string) => void,
    private readonly isTerminal: boolean,
    /** Terminal columns; only consulted on a terminal. */
    private readonly width: number,
  ) {}

  /** Render one message. Returns the error text when the message is an error (the stream stops there). */
  display(jm: JsonMessage): string | undefined {
    if (jm.aux !== undefined) return undefined;
    const hasProgress = jm.progressDetail !== undefined;
    let diff = 0;
    if (jm.id && (hasProgress || jm.progress)) {
      let line = this.ids.get(jm.id);
      if (line === undefined) {
        // new ids get a fresh line; this only works because non-progress output clears the map
        line = this.ids.size;
        this.ids.set(jm.id, line);
        if (this.isTerminal) this.write('\n');
      }
      diff = this.ids.size - line;
      if (this.isTerminal) this.write(up(diff));
    } else {
      this.ids = new Map();
    }
    const err = this.displayOne(jm);
    if (jm.id && this.isTerminal) this.write(down(diff));
    return err;
  }

  private displayOne(jm: JsonMessage): string | undefined {
    if (jm.errorDetail) return jm.errorDetail.message;
    const width = this.isTerminal ? this.width : 200;
    const progress = jm.progressDetail ? progressString(jm.progressDetail, width) : '';
    let endl = '';
    if (this.isTerminal && !jm.stream && jm.progressDetail) {
      this.write('\x1b[2K');
      endl = '\r';
      this.write(endl);
    } else if (jm.progressDetail && progress !== '') {
      return undefined; // no progress bars when not on a terminal
    }
    let s = '';
    if (jm.id) s += `${jm.id}: `;
    const status = jm.status ?? '';
    if (jm.progressDetail && this.isTerminal) s += `${status} ${progress}${endl}`;
    else if (jm.progress) s += `${status} ${jm.progress}${endl}`;
    else if (jm.stream) s += `${jm.stream}${endl}`;
    else s += `${status}${endl}\n`;
    this.write(s);
    return undefined;
  }
}
