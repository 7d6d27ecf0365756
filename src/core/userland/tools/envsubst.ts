// envsubst (GNU gettext-base 0.21): $NAME and ${NAME} in stdin replaced by the
// environment's values; with a SHELL-FORMAT argument only the variables it
// names are replaced (nginx's 20-envsubst-on-templates.sh passes the defined
// ones), everything else is copied as it is. --variables lists the names.
import { readWhole } from './input';
import type { Tool } from './tool';

const REF = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;

function names(format: string): string[] {
  return [...format.matchAll(REF)].map((m) => m[1] ?? m[2]);
}

export async function envsubst(t: Tool, args: string[]): Promise<number> {
  let listOnly = false;
  const operands: string[] = [];
  for (const a of args) {
    if (a === '-v' || a === '--variables') listOnly = true;
    else if (a.startsWith('-') && a !== '-') {
      t.warn(a.startsWith('--') ? `unrecognized option '${a}'` : `invalid option -- '${a[1]}'`);
      t.err(`Try '${t.name} --help' for more information.\n`);
      return 1;
    } else operands.push(a);
  }
  if (operands.length > 1) {
    t.warn('too many arguments');
    return 1;
  }
  if (listOnly) {
    if (operands.length === 0) {
      t.warn('missing arguments');
      return 1;
    }
    for (const n of names(operands[0])) t.out(`${n}\n`);
    return 0;
  }
  const only = operands.length ? new Set(names(operands[0])) : undefined;
  const text = await readWhole(t, { kind: 'stdin' }, true);
  const env = t.ctx.env;
  t.out(
    text.replace(REF, (m, braced: string | undefined, plain: string | undefined) => {
      const n = braced ?? plain ?? '';
      if (only && !only.has(n)) return m;
      return env[n] ?? '';
    }),
  );
  return 0;
}
