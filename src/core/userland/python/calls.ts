// Binding call arguments to a def's parameters with CPython's TypeError
// wording ("f() missing 1 required positional argument: 'x'"), and the small
// parser builtins use for their own arguments.
import type { Params } from './ast';
import { pyErr, TypeError } from './types';
import { PyDict, PyTuple, type PyFunction, type PyValue } from './values';
import { dictSet } from './objects';

function names(list: string[]): string {
  const q = list.map((n) => `'${n}'`);
  if (q.length === 1) return q[0];
  if (q.length === 2) return `${q[0]} and ${q[1]}`;
  return `${q.slice(0, -1).join(', ')}, and ${q[q.length - 1]}`;
}

/** Map a call's arguments onto the function's parameters. */
export function bindArgs(
  fn: PyFunction,
  args: PyValue[],
  kwargs: Map<string, PyValue> | undefined,
): Map<string, PyValue> {
  const p: Params = fn.params;
  const out = new Map<string, PyValue>();
  const q = `${fn.qualname}()`;
  const npos = p.args.length;
  const firstDefault = npos - fn.defaults.length;
  for (let i = 0; i < Math.min(args.length, npos); i++) out.set(p.args[i].name, args[i]);
  if (args.length > npos) {
    if (p.vararg) out.set(p.vararg, new PyTuple(args.slice(npos)));
    else {
      const takes = fn.defaults.length ? `from ${firstDefault} to ${npos}` : `${npos}`;
      const plural = npos === 1 && !fn.defaults.length ? '' : 's';
      const kwGiven = kwargs
        ? [...kwargs.keys()].filter((k) => p.kwonly.some((x) => x.name === k)).length
        : 0;
      const given = kwGiven
        ? `${args.length} positional arguments (and ${kwGiven} keyword-only argument${kwGiven > 1 ? 's' : ''})`
        : `${args.length}`;
      const verb = args.length === 1 && !kwGiven ? 'was' : 'were';
      throw pyErr(TypeError, `${q} takes ${takes} positional argument${plural} but ${given} ${verb} given`);
    }
  } else if (p.vararg) out.set(p.vararg, new PyTuple([]));
  let extra: PyDict | undefined;
  if (p.kwarg) {
    extra = new PyDict();
    out.set(p.kwarg, extra);
  }
  for (const [k, v] of kwargs ?? []) {
    const idx = p.args.findIndex((a) => a.name === k);
    const isKwOnly = p.kwonly.some((a) => a.name === k);
    if ((idx >= 0 && idx >= p.posonly) || isKwOnly) {
      if (out.has(k) && idx >= 0 && idx < args.length)
        throw pyErr(TypeError, `${q} got multiple values for argument '${k}'`);
      out.set(k, v);
    } else if (extra) dictSet(extra, k, v);
    else if (idx >= 0)
      throw pyErr(TypeError, `${q} got some positional-only arguments passed as keyword arguments: '${k}'`);
    else throw pyErr(TypeError, `${q} got an unexpected keyword argument '${k}'`);
  }
  const missing: string[] = [];
  for (let i = 0; i < npos; i++) {
    const a = p.args[i];
    if (out.has(a.name)) continue;
    if (i >= firstDefault) out.set(a.name, fn.defaults[i - firstDefault]);
    else missing.push(a.name);
  }
  if (missing.length) {
    throw pyErr(
      TypeError,
      `${q} missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${names(missing)}`,
    );
  }
  const kwMissing: string[] = [];
  for (const a of p.kwonly) {
    if (out.has(a.name)) continue;
    const d = fn.kwdefaults.get(a.name);
    if (d !== undefined) out.set(a.name, d);
    else kwMissing.push(a.name);
  }
  if (kwMissing.length) {
    throw pyErr(
      TypeError,
      `${q} missing ${kwMissing.length} required keyword-only argument${kwMissing.length > 1 ? 's' : ''}: ${names(kwMissing)}`,
    );
  }
  return out;
}

/**
 * Arguments of a builtin: `spec` lists parameter names; a name ending in '?' is optional,
 * a leading '*' makes it keyword-only. Returns values by position in spec (undefined when absent).
 */
export function builtinArgs(
  name: string,
  spec: string[],
  args: PyValue[],
  kwargs: Map<string, PyValue> | undefined,
): Array<PyValue | undefined> {
  const params = spec.map((s) => ({
    name: s.replace(/[?*]/g, ''),
    optional: s.endsWith('?'),
    kwOnly: s.startsWith('*'),
  }));
  const positional = params.filter((p) => !p.kwOnly);
  const out: Array<PyValue | undefined> = new Array(params.length).fill(undefined);
  if (args.length > positional.length) {
    const max = positional.length;
    const min = positional.filter((p) => !p.optional).length;
    if (max === 0) throw pyErr(TypeError, `${name}() takes no arguments (${args.length} given)`);
    if (max === min)
      throw pyErr(
        TypeError,
        max === 1
          ? `${name}() takes exactly one argument (${args.length} given)`
          : `${name}() takes exactly ${max} arguments (${args.length} given)`,
      );
    throw pyErr(
      TypeError,
      `${name}() takes at most ${max} argument${max > 1 ? 's' : ''} (${args.length} given)`,
    );
  }
  args.forEach((a, i) => (out[params.indexOf(positional[i])] = a));
  for (const [k, v] of kwargs ?? []) {
    const i = params.findIndex((p) => p.name === k);
    if (i < 0) throw pyErr(TypeError, `${name}() got an unexpected keyword argument '${k}'`);
    if (out[i] !== undefined)
      throw pyErr(TypeError, `argument for ${name}() given by name ('${k}') and position (${i + 1})`);
    out[i] = v;
  }
  params.forEach((p, i) => {
    if (out[i] === undefined && !p.optional) {
      const req = positional.filter((x) => !x.optional).length;
      if (req === 1 && positional.length === 1)
        throw pyErr(TypeError, `${name}() takes exactly one argument (0 given)`);
      throw pyErr(TypeError, `${name}() missing required argument '${p.name}' (pos ${i + 1})`);
    }
  });
  return out;
}
