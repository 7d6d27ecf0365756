// The signal module: handlers that run between statements, as CPython runs
// them, SIG_IGN/SIG_DFL through the kernel's dispositions.
import { builtinArgs } from '../calls';
import type { Interp } from '../interp';
import { asBigInt, isInt, typeName } from '../objects';
import { OSError, pyErr, TypeError } from '../types';
import { None, PyBuiltin, PyObject, type PyModule, type PyValue } from '../values';
import { SIGNALS } from '../../../kernel/signals';
import { fn, newModule } from './util';

export function signalModule(it: Interp): PyModule {
  const m = newModule(it, 'signal', 0);
  for (const [name, n] of Object.entries(SIGNALS)) m.dict.set(name, BigInt(n));
  const SIG_DFL = 0n;
  const SIG_IGN = 1n;
  m.dict.set('SIG_DFL', SIG_DFL);
  m.dict.set('SIG_IGN', SIG_IGN);
  const defaultInt = new PyBuiltin('default_int_handler', () => {
    throw it.interrupt();
  });
  m.dict.set('default_int_handler', defaultInt);
  fn(m, 'signal', (args) => {
    const [sigV, handler] = builtinArgs('signal', ['signalnum', 'handler'], args, undefined);
    if (!isInt(sigV!))
      throw pyErr(TypeError, `'${typeName(sigV!)}' object cannot be interpreted as an integer`);
    const sig = Number(asBigInt(sigV));
    if (sig === SIGNALS.SIGKILL || sig === SIGNALS.SIGSTOP || sig < 1 || sig > 64)
      throw pyErr(OSError, 22n, 'Invalid argument');
    const old = it.signalHandlers.get(sig) ?? (sig === SIGNALS.SIGINT ? defaultInt : SIG_DFL);
    if (handler === SIG_DFL || handler === 0n) {
      it.signalHandlers.delete(sig);
      it.ctx.trap(sig, 'default');
    } else if (handler === SIG_IGN || handler === 1n) {
      it.signalHandlers.set(sig, SIG_IGN);
      it.ctx.trap(sig, 'ignore');
    } else if (handler instanceof PyObject) {
      it.signalHandlers.set(sig, handler === defaultInt ? (undefined as unknown as PyValue) : handler);
      if (handler === defaultInt) it.signalHandlers.delete(sig);
      it.ctx.trap(sig, (s) => it.onSignal(s));
    } else
      throw pyErr(TypeError, 'signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object');
    return old;
  });
  fn(m, 'getsignal', (args) => {
    const sig = Number(asBigInt(args[0] as bigint));
    return it.signalHandlers.get(sig) ?? (sig === SIGNALS.SIGINT ? defaultInt : SIG_DFL);
  });
  fn(m, 'alarm', () => {
    throw it.unsupported('signal.alarm()');
  });
  fn(m, 'pause', function* () {
    yield* it.wait(new Promise<never>(() => undefined));
    return None;
  });
  return m;
}
