// The outside world the simulated host can reach by name: the Python package
// index, the Debian archive, the Alpine repository and the AI provider
// (registries belong to the image store). registerOutsideWorld puts them
// into a NetworkStack's `outside` map.
import type { NetworkStack } from '../../kernel/network';
import { registerAiProvider } from './ai-provider';
import { ALPINE_HOST, AlpineRepository } from './alpine';
import { DEBIAN_HOST, DebianArchive } from './debian';
import { FILES_HOST, PYPI_HOST, PypiService, PythonHostedService } from './pypi';

export { BLOB_HEADER } from './http';

export interface OutsideWorldOptions {
  /** The world's clock (Date headers, the AI provider's `created`). */
  now: () => number;
  /** The key the AI provider accepts (the student's .env holds it). */
  apiKey?: string;
}

export function registerOutsideWorld(stack: NetworkStack, opts: OutsideWorldOptions): void {
  stack.outside.set(PYPI_HOST, new PypiService(opts));
  stack.outside.set(FILES_HOST, new PythonHostedService(opts));
  stack.outside.set(DEBIAN_HOST, new DebianArchive(opts));
  stack.outside.set(ALPINE_HOST, new AlpineRepository(opts));
  registerAiProvider(stack, { now: opts.now, apiKey: opts.apiKey });
}
