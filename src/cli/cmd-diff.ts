// `docker diff` / `docker container diff` (cli/command/container/diff.go): GET
// /containers/{id}/changes, one `{{.Type}} {{.Path}}` line per change.

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import { callJson } from './api-call';
import { contextValue, formatWrite, headerValue } from './formatter';

/** container.FilesystemChange; Kind 0 = C, 1 = A, 2 = D (ChangeType.String). */
export interface FilesystemChange {
  Path: string;
  Kind: number;
}

const KINDS = ['C', 'A', 'D'];

async function runDiff(ctx: RunContext): Promise<number> {
  const changes = ((await callJson(ctx.client, {
    method: 'GET',
    path: `/containers/${ctx.args[0]}/changes`,
  })) ?? []) as FilesystemChange[];
  const rows = changes.map((c) =>
    contextValue('container.diffContext', { Type: KINDS[c.Kind] ?? '', Path: c.Path }),
  );
  const r = formatWrite('{{.Type}} {{.Path}}', headerValue({ Type: 'CHANGE TYPE', Path: 'PATH' }), rows);
  if (r.error) throw new CliError(r.error, 1);
  ctx.io.stdout.write(r.out);
  return 0;
}

export const diffCommand: Partial<CommandSpec> = {
  args: { kind: 'exact', n: 1 },
  flags: [],
  run: runDiff,
};
