// `nano FILE` on the laptop: switches the terminal to raw mode and the
// alternate screen, edits the file with nano-editor.ts's keys, writes it with
// the user's permissions, and puts the terminal back as it found it.
import { FsError, ERRNO_MESSAGES } from '../../core/fs/types';
import { ttyOf } from '../../core/kernel/tty';
import { fsOf, type ProgramSpec, type UserProgram } from '../../core/userland/types';
import {
  countLines,
  bufferText,
  openBuffer,
  pressKey,
  renderScreen,
  splitKeys,
  written,
} from './nano-editor';

const ALT_SCREEN_ON = '\x1b[?1049h\x1b[22;0;0t\x1b[H\x1b[2J';
const ALT_SCREEN_OFF = '\x1b[?1049l\x1b[23;0;0t';

const nano: UserProgram = async (ctx) => {
  const tty = ttyOf(ctx.stdin);
  if (!ctx.tty || !tty) {
    ctx.stderr.write('Too many errors from stdin\n');
    return 1;
  }
  const files = ctx.argv.slice(1).filter((a) => !a.startsWith('-') || a === '-');
  const path = files[0] ?? '';
  const fs = fsOf(ctx);

  let text: string | undefined;
  let message = '';
  if (path !== '') {
    const st = fs.stat(path);
    if (st instanceof FsError) {
      if (st.code === 'ENOENT') message = 'New File';
      else message = `Error reading ${path}: ${ERRNO_MESSAGES[st.code]}`;
    } else if (st.kind === 'dir') message = `"${path}" is a directory`;
    else {
      const r = fs.readFile(path);
      if (r instanceof FsError) message = `Error reading ${path}: ${ERRNO_MESSAGES[r.code]}`;
      else {
        text = r;
        message = `Read ${countLines(r === '' ? 0 : r.replace(/\n$/, '').split('\n').length)}`;
      }
    }
  }
  const state = openBuffer(path, text, message);

  const wasRaw = tty.raw;
  tty.raw = true;
  const draw = () => ctx.stdout.write(renderScreen(state, tty.columns, tty.rows));
  ctx.stdout.write(ALT_SCREEN_ON);
  try {
    draw();
    for (;;) {
      const chunk = await ctx.read();
      // the terminal went away: nano saves nothing and leaves
      if (chunk === null) return 0;
      let exit = false;
      for (const key of splitKeys(chunk)) {
        let req = pressKey(state, key);
        if (req?.kind === 'write') {
          const target = req.path;
          const r = fs.writeFile(target, bufferText(state), { mode: 0o666 });
          req = written(state, target, r instanceof FsError ? ERRNO_MESSAGES[r.code] : undefined);
        }
        if (req?.kind === 'exit') {
          exit = true;
          break;
        }
      }
      if (exit) return 0;
      draw();
    }
  } finally {
    tty.raw = wasRaw;
    ctx.stdout.write(ALT_SCREEN_OFF);
  }
};

export const nanoProgram: ProgramSpec = { name: 'nano', run: nano, rss: 4_100_000 };
