// Tab completion for the host prompt: command names first, then whatever the
// docker CLI's own command tree offers (subcommands, flags), then the names of
// local images where a command's usage line asks for one.
import type { Completer } from '../cli/line-editor';
import type { ImageInput } from '../viz/layer-stacks';

/** Commands the host prompt runs today. */
export const HOST_COMMANDS = ['clear', 'docker'] as const;

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

/**
 * @param docker the CLI's command tree, once the simulator has loaded
 * @param images the local images now
 */
export function hostCompleter(
  docker: () => CompletionCommand | undefined,
  images: () => readonly ImageInput[],
): Completer {
  return ({ line, wordStart, word }) => {
    const before = line.slice(0, wordStart).trim().split(/\s+/).filter(Boolean);
    if (before.length === 0) return HOST_COMMANDS;
    const root = docker();
    if (before[0] !== 'docker' || !root) return [];
    // Walk the command words, skipping flags and the values of flags that take one.
    let cmd = root;
    const positional: string[] = [];
    let expectValue = false;
    for (const w of before.slice(1)) {
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
    if (expectValue) return [];
    if (word.startsWith('-')) {
      return cmd.flags.flatMap((f) => [`--${f.long}`, ...(f.short ? [`-${f.short}`] : [])]);
    }
    if (positional.length === 0 && cmd.children.length > 0) {
      return cmd.children.filter((c) => !c.hidden).map((c) => c.name);
    }
    const p = placeholder(cmd.args, positional.length);
    return p && isImagePlaceholder(p) ? imageNames(images()) : [];
  };
}

/** The positional placeholders of a cobra Use line: what follows the name and [OPTIONS]. */
export function usagePlaceholders(use: string): string[] {
  return use
    .split(/\s+/)
    .slice(1)
    .filter((w) => w !== '[OPTIONS]' && w !== '|');
}
