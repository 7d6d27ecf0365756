// `docker version` (cli/command/system/version.go): the client's own build
// facts next to the daemon's answer to GET /version, so the client/daemon split
// is visible. The default layout is Docker's template through a tabwriter with
// minwidth 20 and padding 1; --format runs a template over the same typed data.

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import { DaemonError, callJson } from './api-call';
import { INSPECT_FORMAT_HELP } from './cmd-inspect';
import {
  CLIENT_ARCH,
  CLIENT_BUILT,
  CLIENT_GIT_COMMIT,
  CLIENT_GO_VERSION,
  CLIENT_OS,
  CLIENT_VERSION,
  CONTEXT,
  PLATFORM_NAME,
} from './client-version';
import type { GoType, StructField } from './go-value';
import { T } from './go-value';
import { TabWriter } from './tabwriter';
import { parseGoTemplate, TemplateError } from './template';
import { API_VERSION } from '../core/daemon/api';

export interface ComponentVersion {
  Name: string;
  Version: string;
  Details?: Record<string, string>;
}

/** types.Version. */
export interface ServerVersion {
  Platform?: { Name: string };
  Components?: ComponentVersion[];
  Version: string;
  ApiVersion: string;
  MinAPIVersion?: string;
  GitCommit: string;
  GoVersion: string;
  Os: string;
  Arch: string;
  KernelVersion?: string;
  Experimental?: boolean;
  BuildTime?: string;
}

const f = (name: string, type: GoType, extra: Partial<StructField> = {}): StructField => ({
  name,
  type,
  ...extra,
});
const S = T.string;

export const clientVersionType: GoType = {
  kind: 'struct',
  name: 'system.clientVersion',
  fields: [
    f(
      'Platform',
      T.ptr({ kind: 'struct', name: 'system.platformInfo', fields: [f('Name', S, { omitempty: true })] }),
      {
        omitempty: true,
      },
    ),
    f('Version', S, { omitempty: true }),
    f('APIVersion', S, { json: 'ApiVersion', omitempty: true }),
    f('DefaultAPIVersion', S, { omitempty: true }),
    f('GitCommit', S, { omitempty: true }),
    f('GoVersion', S, { omitempty: true }),
    f('Os', S, { omitempty: true }),
    f('Arch', S, { omitempty: true }),
    f('BuildTime', S, { omitempty: true }),
    f('Context', S),
  ],
};

const serverVersionType: GoType = {
  kind: 'struct',
  name: 'types.Version',
  fields: [
    f(
      'Platform',
      { kind: 'struct', name: 'struct { Name string }', fields: [f('Name', S)] },
      { omitempty: true },
    ),
    f(
      'Components',
      T.slice({
        kind: 'struct',
        name: 'types.ComponentVersion',
        fields: [f('Name', S), f('Version', S), f('Details', T.map(S), { omitempty: true })],
      }),
      { omitempty: true },
    ),
    f('Version', S),
    f('APIVersion', S, { json: 'ApiVersion' }),
    f('MinAPIVersion', S, { omitempty: true }),
    f('GitCommit', S),
    f('GoVersion', S),
    f('Os', S),
    f('Arch', S),
    f('KernelVersion', S, { omitempty: true }),
    f('Experimental', T.bool, { omitempty: true }),
    f('BuildTime', S, { omitempty: true }),
  ],
};

const versionInfoType: GoType = {
  kind: 'struct',
  name: 'system.versionInfo',
  fields: [f('Client', clientVersionType), f('Server', T.ptr(serverVersionType))],
};

/** newClientVersion; the API version is the one this client speaks (no negotiation down). */
export function clientVersion(): Record<string, unknown> {
  return {
    Platform: { Name: PLATFORM_NAME },
    Version: CLIENT_VERSION,
    ApiVersion: API_VERSION,
    DefaultAPIVersion: API_VERSION,
    GitCommit: CLIENT_GIT_COMMIT,
    GoVersion: CLIENT_GO_VERSION,
    Os: CLIENT_OS,
    Arch: CLIENT_ARCH,
    BuildTime: CLIENT_BUILT,
    Context: CONTEXT,
  };
}

/** reformatDate: an RFC 3339 build time in time.ANSIC ("Wed Nov  5 14:19:32 2025"). */
export function reformatDate(buildTime: string): string {
  const ms = Date.parse(buildTime);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(buildTime) || Number.isNaN(ms)) return buildTime;
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** The default template's output, before the tabwriter. */
function defaultText(client: Record<string, unknown>, server: ServerVersion | undefined): string {
  const c = client as Record<string, string> & { Platform?: { Name: string } };
  let out = `Client:${c.Platform?.Name ? ' ' + c.Platform.Name : ''}\n`;
  out += ` Version:\t${c.Version}\n`;
  out += ` API version:\t${c.ApiVersion}${c.ApiVersion !== c.DefaultAPIVersion ? ` (downgraded from ${c.DefaultAPIVersion})` : ''}\n`;
  out += ` Go version:\t${c.GoVersion}\n Git commit:\t${c.GitCommit}\n Built:\t${c.BuildTime}\n`;
  out += ` OS/Arch:\t${c.Os}/${c.Arch}\n Context:\t${c.Context}`;
  if (!server) return out;
  out += `\n\nServer:${server.Platform?.Name ? ' ' + server.Platform.Name : ''}`;
  for (const comp of server.Components ?? []) {
    out += `\n ${comp.Name}:`;
    const d = comp.Details ?? {};
    if (comp.Name === 'Engine') {
      out += `\n  Version:\t${comp.Version}`;
      out += `\n  API version:\t${d.ApiVersion ?? ''} (minimum version ${d.MinAPIVersion ?? ''})`;
      out += `\n  Go version:\t${d.GoVersion ?? ''}\n  Git commit:\t${d.GitCommit ?? ''}\n  Built:\t${d.BuildTime ?? ''}`;
      out += `\n  OS/Arch:\t${d.Os ?? ''}/${d.Arch ?? ''}\n  Experimental:\t${d.Experimental ?? ''}`;
    } else {
      out += `\n  Version:\t${comp.Version}`;
      for (const key of Object.keys(d).sort()) out += `\n  ${key}:\t${d[key]}`;
    }
  }
  return out;
}

/** runVersion's fix-ups of the server's answer: the Engine component's build date, or an Engine made from the top level. */
function normalise(sv: ServerVersion): ServerVersion {
  const components = (sv.Components ?? []).map((c) =>
    c.Name === 'Engine' && c.Details?.BuildTime !== undefined
      ? { ...c, Details: { ...c.Details, BuildTime: reformatDate(c.Details.BuildTime) } }
      : c,
  );
  if (!components.some((c) => c.Name === 'Engine'))
    components.push({
      Name: 'Engine',
      Version: sv.Version,
      Details: {
        ApiVersion: sv.ApiVersion,
        MinAPIVersion: sv.MinAPIVersion ?? '',
        GitCommit: sv.GitCommit,
        GoVersion: sv.GoVersion,
        Os: sv.Os,
        Arch: sv.Arch,
        BuildTime: reformatDate(sv.BuildTime ?? ''),
        Experimental: String(sv.Experimental ?? false),
      },
    });
  return { ...sv, Components: components };
}

async function runVersion(ctx: RunContext): Promise<number> {
  const format = ctx.flags.string('format');
  let tmpl;
  if (format !== '') {
    try {
      tmpl = parseGoTemplate(format === 'json' ? '{{json .}}' : format);
    } catch (e) {
      // newVersionTemplate parses with templates.New("version"): Go's parse errors name it
      if (e instanceof TemplateError)
        throw new CliError(
          `template parsing error: ${e.message.replace(/^template: :/, 'template: version:')}`,
          64,
        );
      throw e;
    }
  }
  const client = clientVersion();
  let server: ServerVersion | undefined;
  let serverErr: DaemonError | undefined;
  try {
    server = normalise((await callJson(ctx.client, { method: 'GET', path: '/version' })) as ServerVersion);
  } catch (e) {
    if (!(e instanceof DaemonError)) throw e;
    serverErr = e;
  }
  const tw = new TabWriter({ minwidth: 20, tabwidth: 1, padding: 1, padchar: ' ' });
  let execErr: string | undefined;
  if (!tmpl) tw.write(defaultText(client, server));
  else {
    const r = tmpl.run(
      { t: versionInfoType, v: { Client: client, Server: server ?? null } },
      { name: 'version' },
    );
    tw.write(r.output);
    if (r.error) execErr = r.error.message;
  }
  tw.write('\n');
  ctx.io.stdout.write(tw.flush());
  if (serverErr) throw serverErr;
  if (execErr) throw new CliError(execErr, 1);
  return 0;
}

export const versionCommand: Partial<CommandSpec> = {
  args: { kind: 'none' },
  flags: [{ name: 'format', shorthand: 'f', kind: 'string', usage: INSPECT_FORMAT_HELP }],
  run: runVersion,
};
