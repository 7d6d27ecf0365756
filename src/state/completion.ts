// Tab completion at the laptop's bash prompt, as bash-completion would do
// it: command names (bash's builtins and what is on $PATH) for the first word
// of a command, docker's own command tree (subcommands, flags), image names
// and container names where docker's usage line asks for one, and file
// names (directories with a slash) everywhere else.
import type { Completer } from '../cli/line-editor';
import type { ImageInput } from '../viz/layer-stacks';

/** bash's builtins a student types (what `compgen -b` lists, minus the obscure ones). */
export const BASH_BUILTINS = [
  'alias',
  'bg',
  'cd',
  'command',
  'declare',
  'echo',
  'eval',
  'exec',
  'exit',
  'export',
  'false',
  'fg',
  'history',
  'jobs',
  'kill',
  'let',
  'local',
  'printf',
  'pwd',
  'read',
  'return',
  'set',
  'shift',
  'source',
  'test',
  'trap',
  'true',
  'type',
  'ulimit',
  'umask',
  'unalias',
  'unset',
  'wait',
] as const;

/** A command as completion sees it: a plain copy of the CLI's command table. */
export interface CompletionCommand {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly hidden?: boolean;
  readonly children: readonly CompletionCommand[];
  readonly flags: readonly { readonly long: string; readonly short?: string; readonly takesValue: boolean }[];
  /** The positional placeholders of its usage line: "IMAGE", "[COMMAND]", "[ARG...]". */
  readonly args: readonly string[];
}

export interface DirEntry {
  readonly name: string;
  readonly dir: boolean;
  /** A file the user may execute. */
  readonly exec?: boolean;
}

/** Where completion looks things up; every source is read at the moment Tab is pressed. */
export interface CompletionSources {
  /** The docker CLI's command tree, once the simulator has loaded. */
  docker(): CompletionCommand | undefined;
  images(): readonly ImageInput[];
  /** Names of the containers (running or not). */
  containers(): readonly string[];
  /** Executables on the shell's $PATH. */
  commands(): readonly string[];
  /** Entries of a directory as the shell sees it (relative to its working directory, ~ expanded); undefined if unreadable. */
  listDir(dir: string): readonly DirEntry[] | undefined;
}

/** Every name a local image answers to: repo:tag, and repo alone for :latest. */
export function imageNames(images: readonly ImageInput[]): string[] {
  const names = new Set<string>();
  for (const image of images) {
    for (const t of image.repoTags) {
      names.add(t);
      if (t.endsWith(':latest')) names.add(t.slice(0, -':latest'.length));
    }
  }
  return [...names];
}

const isImagePlaceholder = (p: string) => /IMAGE|REPOSITORY|^\[?NAME\[:TAG|^NAME\|ID/.test(p);
const isContainerPlaceholder = (p: string) => /CONTAINER/.test(p);

/** The placeholder for the k-th positional argument, a trailing `[X...]` repeating. */
function placeholder(args: readonly string[], k: number): string | undefined {
  if (k < args.length) return args[k];
  const last = args[args.length - 1];
  return last?.endsWith('...]') ? last : undefined;
}

function findChild(cmd: CompletionCommand, word: string): CompletionCommand | undefined {
  return cmd.children.find((c) => c.name === word || c.aliases?.includes(word));
}

function flagOf(cmd: CompletionCommand, word: string) {
  if (word.startsWith('--')) return cmd.flags.find((f) => f.long === word.slice(2).split('=')[0]);
  return word.length === 2 ? cmd.flags.find((f) => f.short === word[1]) : undefined;
}

/** The words of the simple command the cursor is in: after the last |, ;, &&, ||, ( or $(. */
function currentCommand(before: string): string[] {
  const cut = Math.max(...['|', ';', '&', '(', '`'].map((op) => before.lastIndexOf(op)));
  return before
    .slice(cut + 1)
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

/** File names for the word: the directory part kept, directories ending in a slash. */
export function pathCandidates(
  word: string,
  listDir: CompletionSources['listDir'],
  keep: (e: DirEntry) => boolean = () => true,
): string[] {
  const slash = word.lastIndexOf('/');
  const dirPart = slash >= 0 ? word.slice(0, slash + 1) : '';
  const base = word.slice(slash + 1);
  const entries = listDir(dirPart === '' ? '.' : dirPart) ?? [];
  return entries
    .filter((e) => e.name.startsWith(base) && (base.startsWith('.') || !e.name.startsWith('.')))
    .filter(keep)
    .map((e) => `${dirPart}${e.name}${e.dir ? '/' : ''}`);
}

function dockerCandidates(
  root: CompletionCommand,
  words: string[],
  word: string,
  src: CompletionSources,
): string[] {
  // Walk the command words, skipping flags and the values of flags that take one.
  let cmd = root;
  const positional: string[] = [];
  let expectValue = false;
  for (const w of words) {
    if (expectValue) {
      expectValue = false;
      continue;
    }
    if (w.startsWith('-')) {
      expectValue = !w.includes('=') && (flagOf(cmd, w)?.takesValue ?? false);
      continue;
    }
    const child = positional.length === 0 ? findChild(cmd, w) : undefined;
    if (child) cmd = child;
    else positional.push(w);
  }
  // a flag's value: a path is the likeliest (-v ./data:/data, -f compose.yaml, --env-file .env)
  if (expectValue) return pathCandidates(word, src.listDir);
  if (word.startsWith('-'))
    return cmd.flags.flatMap((f) => [`--${f.long}`, ...(f.short ? [`-${f.short}`] : [])]);
  if (positional.length === 0 && cmd.children.length > 0)
    return cmd.children.filter((c) => !c.hidden).map((c) => c.name);
  const p = placeholder(cmd.args, positional.length);
  if (p && isImagePlaceholder(p)) return imageNames(src.images());
  if (p && isContainerPlaceholder(p)) return [...src.containers()];
  return word.includes('/') || word.startsWith('.') || word.startsWith('~')
    ? pathCandidates(word, src.listDir)
    : [];
}

export function hostCompleter(src: CompletionSources): Completer {
  return ({ line, wordStart, word }) => {
    const words = currentCommand(line.slice(0, wordStart));
    if (words.length === 0) {
      if (word.includes('/')) return pathCandidates(word, src.listDir, (e) => e.dir || e.exec === true);
      return [...new Set([...BASH_BUILTINS, ...src.commands()])];
    }
    if (words[0] === 'docker') {
      const root = src.docker();
      return root ? dockerCandidates(root, words.slice(1), word, src) : [];
    }
    // cd takes directories only (bash-completion's _cd)
    return pathCandidates(word, src.listDir, words[0] === 'cd' ? (e) => e.dir : undefined);
  };
}

/** The positional placeholders of a cobra Use line: what follows the name and [OPTIONS]. */
export function usagePlaceholders(use: string): string[] {
  return use
    .split(/\s+/)
    .slice(1)
    .filter((w) => w !== '[OPTIONS]' && w !== '|');
}
