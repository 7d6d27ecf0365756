// `docker images` / `docker image ls` / `docker image list` (cli/command/image/list.go,
// formatter/image.go): GET /images/json, one row per repository:tag, Docker's formats.

import type { CommandSpec, RunContext } from './command';
import { CliError } from './command';
import type { FlagSpec } from './flags';
import { callJson, filtersJson } from './api-call';
import {
  contextValue,
  formatWrite,
  headerValue,
  DEFAULT_QUIET_FORMAT,
  RAW_FORMAT,
  TABLE_FORMAT,
  isTableFormat,
} from './formatter';
import { familiarName, isReferenceError, parseNormalizedNamed } from './reference';
import { humanDuration, humanSize, humanSizeWithPrecision } from './units';

export const FORMAT_HELP = `Format output using a custom template:
'table':            Print output in table format with column headers (default)
'table TEMPLATE':   Print output in table format using the given Go template
'json':             Print in JSON format
'TEMPLATE':         Print output using the given Go template.
Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates`;

const defaultTable =
  'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}';
const defaultTableDigest =
  'table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}';

/** image.Summary, as GET /images/json returns it. */
export interface ImageSummary {
  Id: string;
  Created: number;
  RepoTags: string[] | null;
  RepoDigests: string[] | null;
  Size: number;
  SharedSize?: number;
  Containers?: number;
}

export const imageListFlags: FlagSpec[] = [
  { name: 'quiet', shorthand: 'q', kind: 'bool', usage: 'Only show image IDs' },
  { name: 'all', shorthand: 'a', kind: 'bool', usage: 'Show all images (default hides intermediate images)' },
  { name: 'no-trunc', kind: 'bool', usage: "Don't truncate output" },
  { name: 'digests', kind: 'bool', usage: 'Show digests' },
  { name: 'format', kind: 'string', usage: FORMAT_HELP },
  { name: 'filter', shorthand: 'f', kind: 'filter', usage: 'Filter output based on conditions provided' },
];

/** formatter.TruncateID */
export function truncateID(id: string): string {
  const i = id.indexOf(':');
  return id.slice(i + 1, i + 13);
}

/** time.Unix(s, 0).String() in UTC (the simulated machine's zone). */
export function goUnixString(seconds: number): string {
  const d = new Date(seconds * 1000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000 UTC`;
}

function newImageFormat(source: string, quiet: boolean, digest: boolean): string {
  if (source === TABLE_FORMAT)
    return quiet ? DEFAULT_QUIET_FORMAT : digest ? defaultTableDigest : defaultTable;
  if (source === RAW_FORMAT) {
    if (quiet) return 'image_id: {{.ID}}';
    return digest
      ? 'repository: {{ .Repository }}\ntag: {{.Tag}}\ndigest: {{.Digest}}\nimage_id: {{.ID}}\ncreated_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n'
      : 'repository: {{ .Repository }}\ntag: {{.Tag}}\nimage_id: {{.ID}}\ncreated_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n';
  }
  if (isTableFormat(source) && digest && !source.includes('{{.Digest}}')) return source + '\t{{.Digest}}';
  return source;
}

function isDangling(img: ImageSummary): boolean {
  const tags = img.RepoTags ?? [];
  const digests = img.RepoDigests ?? [];
  if (tags.length === 0 && digests.length === 0) return true;
  return (
    tags.length === 1 && tags[0] === '<none>:<none>' && digests.length === 1 && digests[0] === '<none>@<none>'
  );
}

/** imageFormatTaggedAndDigest: (repo, tag, digest) rows of one image. Go iterates maps; we keep first-seen order. */
function imageRows(
  img: ImageSummary,
  needDigest: boolean,
  showDigest: boolean,
): Array<[string, string, string]> {
  if (isDangling(img)) return [['<none>', '<none>', '<none>']];
  const repoTags = new Map<string, string[]>();
  const repoDigests = new Map<string, string[]>();
  for (const s of img.RepoTags ?? []) {
    const r = parseNormalizedNamed(s);
    if (isReferenceError(r) || r.tag === undefined || r.digest !== undefined) continue;
    const fam = familiarName(r);
    repoTags.set(fam, [...(repoTags.get(fam) ?? []), r.tag]);
  }
  for (const s of img.RepoDigests ?? []) {
    const r = parseNormalizedNamed(s);
    if (isReferenceError(r) || r.digest === undefined) continue;
    const fam = familiarName(r);
    repoDigests.set(fam, [...(repoDigests.get(fam) ?? []), r.digest]);
  }
  const rows: Array<[string, string, string]> = [];
  for (const [repo, tags] of repoTags) {
    let digests = repoDigests.get(repo) ?? [];
    repoDigests.delete(repo);
    if (!needDigest) digests = [];
    for (const tag of tags) {
      if (digests.length === 0) rows.push([repo, tag, '<none>']);
      else for (const d of digests) rows.push([repo, tag, d]);
    }
  }
  for (const [repo, digests] of repoDigests) {
    if (showDigest) for (const d of digests) rows.push([repo, '<none>', d]);
    else rows.push([repo, '<none>', '']);
  }
  return rows;
}

const AMBIGUOUS = [
  'build',
  'history',
  'import',
  'inspect',
  'list',
  'load',
  'ls',
  'prune',
  'pull',
  'push',
  'rm',
  'save',
  'tag',
];

async function runImages(ctx: RunContext): Promise<number> {
  const { flags, io } = ctx;
  const matchName = ctx.args[0] ?? '';
  const pairs: Array<[string, string]> = flags.strings('filter').map((kv) => {
    const i = kv.indexOf('=');
    return [kv.slice(0, i), kv.slice(i + 1)];
  });
  if (matchName) pairs.push(['reference', matchName]);
  const query: Record<string, string> = {};
  if (flags.bool('all')) query.all = '1';
  const f = filtersJson(pairs);
  if (f) query.filters = f;
  const images = (await callJson(ctx.client, {
    method: 'GET',
    path: '/images/json',
    query,
  })) as ImageSummary[];

  const quiet = flags.bool('quiet');
  const showDigest = flags.bool('digests');
  const trunc = !flags.bool('no-trunc');
  const format = newImageFormat(flags.string('format') || TABLE_FORMAT, quiet, showDigest);
  const needDigest = showDigest || format.includes('{{.Digest}}');
  const now = ctx.now();
  const rows = images.flatMap((img) =>
    imageRows(img, needDigest, showDigest).map(([repo, tag, digest]) =>
      contextValue('formatter.imageContext', {
        ID: trunc ? truncateID(img.Id) : img.Id,
        Repository: repo,
        Tag: tag,
        Digest: digest,
        CreatedSince: humanDuration(now - img.Created * 1000) + ' ago',
        CreatedAt: goUnixString(img.Created),
        Size: humanSizeWithPrecision(img.Size, 3),
        Containers: img.Containers === -1 || img.Containers === undefined ? 'N/A' : String(img.Containers),
        VirtualSize: humanSize(img.Size),
        SharedSize: img.SharedSize === -1 || img.SharedSize === undefined ? 'N/A' : humanSize(img.SharedSize),
        UniqueSize:
          img.Size === -1 || img.SharedSize === -1 || img.SharedSize === undefined
            ? 'N/A'
            : humanSize(img.Size - img.SharedSize),
      }),
    ),
  );
  const header = headerValue({
    ID: 'IMAGE ID',
    Repository: 'REPOSITORY',
    Tag: 'TAG',
    Digest: 'DIGEST',
    CreatedSince: 'CREATED',
    CreatedAt: 'CREATED AT',
    Size: 'SIZE',
    Containers: 'CONTAINERS',
    VirtualSize: 'SIZE',
    SharedSize: 'SHARED SIZE',
    UniqueSize: 'UNIQUE SIZE',
  });
  const r = formatWrite(format, header, rows);
  if (r.error) throw new CliError(r.error, 1);
  io.stdout.write(r.out);
  if (matchName && images.length === 0 && ctx.calledAs === 'images' && AMBIGUOUS.includes(matchName)) {
    io.stderr.write(
      `\nNo images found matching ${JSON.stringify(matchName)}: did you mean "docker image ${matchName}"?\n`,
    );
  }
  return 0;
}

export const imagesCommand: Partial<CommandSpec> = {
  args: { kind: 'max', n: 1 },
  flags: imageListFlags,
  run: runImages,
};
