// The modules this python implements natively, by import name. A module is
// importable only if its file exists on sys.path (or it is built in); the
// native body then stands in for the file's code.
import { NotSimulated, type Interp } from './interp';
import { mathModule } from './modules/math';
import { randomModule } from './modules/random';
import { signalModule } from './modules/signal';
import { platformModule, socketModule, stringModule } from './modules/system';
import { timeModule } from './modules/time';
import { datetimeModule } from './modules/datetime';
import { jsonModule } from './modules/json';
import { osModule } from './modules/os';
import { requestsModule } from './modules/requests';
import { sysModule, type SysInfo } from './modules/sys';
import { PyModule, type Gen } from './values';

export type NativeFactory = (it: Interp, file: string | undefined) => PyModule | Gen<PyModule>;

export function nativeModules(info: () => SysInfo): Map<string, NativeFactory> {
  const empty =
    (name: string): NativeFactory =>
    () =>
      new PyModule(name);
  return new Map<string, NativeFactory>([
    ['sys', (it) => sysModule(it, info())],
    ['time', (it) => timeModule(it)],
    ['math', (it) => mathModule(it)],
    ['os', (it) => osModule(it)],
    ['json', (it) => jsonModule(it)],
    ['random', (it) => randomModule(it)],
    ['platform', (it) => platformModule(it)],
    ['socket', (it) => socketModule(it)],
    ['string', (it) => stringModule(it)],
    ['signal', (it) => signalModule(it)],
    ['datetime', (it) => datetimeModule(it)],
    ['requests', (it, file) => requestsModule(it, file)],
    ['http', empty('http')],
    [
      'http.server',
      () => {
        throw new NotSimulated("http.server inside scripts (run it as 'python3 -m http.server')");
      },
    ],
  ]);
}
