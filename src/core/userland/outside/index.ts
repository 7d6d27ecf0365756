// The outside world the simulated host can reach by name: the Python package
// index, the Debian archive and the Alpine repository (registries belong to
// the image store). registerOutsideWorld puts them into a NetworkStack.
import type { NetworkStack } from '../../kernel/network';
import { DEBIAN_HOST, DebianArchive } from './debian';
import { FILES_HOST, PYPI_HOST, PypiService, PythonHostedService, type OutsideOptions } from './pypi';

export type { OutsideOptions } from './pypi';
export { BLOB_HEADER } from './http';

export function registerOutsideWorld(stack: NetworkStack, opts: OutsideOptions = {}): void {
  stack.outside.set(PYPI_HOST, new PypiService(opts));
  stack.outside.set(FILES_HOST, new PythonHostedService(opts));
  stack.outside.set(DEBIAN_HOST, new DebianArchive(opts));
}
