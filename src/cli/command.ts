// A model of spf13/cobra v1.9 with docker's templates (cli/cobra.go, cli/required.go):
// the command tree, name/alias lookup, argument-count rules, and the usage/help text.

import type { FlagSpec } from './flags';
import { FlagSet } from './flags';
import type { CommandIO } from './io';
import type { EngineClient } from '../core/daemon/api';

/** An error the docker binary prints to stderr before exiting with `code`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code = 1,
  ) {
    super(message);
  }
}

export type ArgsRule =
  | { kind: 'none' }
  | { kind: 'min'; n: number }
  | { kind: 'max'; n: number }
  | { kind: 'exact'; n: number }
  | { kind: 'range'; min: number; max: number }
  | { kind: 'any' };

export interface RunContext {
  cmd: Command;
  flags: FlagSet;
  args: string[];
  io: CommandIO;
  client: EngineClient;
  /** The name the command was called by ("images", "ls", "list"). */
  calledAs: string;
  now(): number;
}

export interface CommandSpec {
  /** Use line without the parent path: "ls [OPTIONS] [REPOSITORY[:TAG]]". */
  use: string;
  short: string;
  long?: string;
  aliases?: string[];
  /** docker's "aliases" annotation, shown under Aliases: in help. */
  aliasesLine?: string;
  /** "category-top" annotation (root Common Commands order). */
  top?: number;
  swarm?: boolean;
  hidden?: boolean;
  args?: ArgsRule;
  flags?: FlagSpec[];
  /** false for commands whose flags stop at the first positional (run, exec). */
  interspersed?: boolean;
  run?: (ctx: RunContext) => Promise<number>;
  children?: CommandSpec[];
}

export const HELP_FLAG: FlagSpec = {
  name: 'help',
  shorthand: 'h',
  kind: 'bool',
  usage: 'Print usage',
  hidden: true,
  shorthandDeprecated: 'use --help',
};

export class Command {
  readonly children: Command[] = [];
  parent?: Command;

  constructor(readonly spec: CommandSpec) {
    for (const c of spec.children ?? []) this.add(new Command(c));
  }

  add(child: Command): void {
    child.parent = this;
    this.children.push(child);
  }

  get name(): string {
    return this.spec.use.split(' ')[0];
  }

  get root(): Command {
    return this.parent ? this.parent.root : this;
  }

  hasSubCommands(): boolean {
    return this.children.length > 0;
  }

  commandPath(): string {
    return this.parent ? `${this.parent.commandPath()} ${this.name}` : this.name;
  }

  useLine(): string {
    return this.parent ? `${this.parent.commandPath()} ${this.spec.use}` : this.spec.use;
  }

  /** cobra findNext: a direct child by name or alias. */
  findChild(arg: string): Command | undefined {
    return this.children.find((c) => c.name === arg || (c.spec.aliases ?? []).includes(arg));
  }

  /** The command's flags with --help (made once: FlagSet indexes each list once). */
  private flagSpecs: FlagSpec[] | undefined;

  flagSet(): FlagSet {
    if (!this.flagSpecs) {
      // run/create declare their own --help without -h, which is their --hostname
      const own = this.spec.flags ?? [];
      this.flagSpecs = own.some((f) => f.name === 'help') ? own : [...own, HELP_FLAG];
    }
    return new FlagSet(this.flagSpecs, this.spec.interspersed ?? true);
  }

  /** The cli.* Args validators' messages. */
  validateArgs(args: string[]): string | undefined {
    const rule = this.spec.args ?? (this.hasSubCommands() ? { kind: 'none' } : { kind: 'any' });
    const bin = this.root.name;
    const path = this.commandPath();
    const use = this.useLine();
    const plural = (n: number) => (n === 1 ? 'argument' : 'arguments');
    switch (rule.kind) {
      case 'any':
        return undefined;
      case 'none':
        if (args.length === 0) return undefined;
        if (this.hasSubCommands())
          return `${bin}: unknown command: ${path} ${args[0]}\n\nUsage:  ${use}\n\nRun '${path} --help' for more information`;
        return `${bin}: '${path}' accepts no arguments\n\nUsage:  ${use}\n\nRun '${path} --help' for more information`;
      case 'min':
        if (args.length >= rule.n) return undefined;
        return `${bin}: '${path}' requires at least ${rule.n} ${plural(rule.n)}\n\nUsage:  ${use}\n\nSee '${path} --help' for more information`;
      case 'max':
        if (args.length <= rule.n) return undefined;
        // the "SRun" typo is docker/cli's own (cli/required.go, RequiresMaxArgs)
        return `${bin}: '${path}' requires at most ${rule.n} ${plural(rule.n)}\n\nUsage:  ${use}\n\nSRun '${path} --help' for more information`;
      case 'exact':
        if (args.length === rule.n) return undefined;
        return `${bin}: '${path}' requires ${rule.n} ${plural(rule.n)}\n\nUsage:  ${use}\n\nRun '${path} --help' for more information`;
      case 'range':
        if (args.length >= rule.min && args.length <= rule.max) return undefined;
        return `${bin}: '${path}' requires at least ${rule.min} and at most ${rule.max} ${plural(rule.max)}\n\nUsage:  ${use}\n\nRun '${path} --help' for more information`;
    }
  }

  /** cli.FlagErrorFunc: exit 125 with the usage trailer. */
  flagError(err: string): CliError {
    return new CliError(
      `${err}\n\nUsage:  ${this.useLine()}\n\nRun '${this.commandPath()} --help' for more information`,
      125,
    );
  }

  private namePadding(): number {
    const siblings = this.parent?.children ?? [];
    const max = Math.max(0, ...siblings.map((c) => c.name.length));
    return Math.max(11, max);
  }

  private aliasesText(): string | undefined {
    if (this.spec.aliasesLine) return this.spec.aliasesLine;
    const aliases = this.spec.aliases ?? [];
    if (aliases.length === 0) return undefined;
    const parentPath = this.parent ? this.parent.commandPath() + ' ' : '';
    return [this.commandPath(), ...aliases.map((a) => parentPath + a)].join(', ');
  }

  /** docker's usage template, for `--help` and management commands run bare. `cols` is the terminal width. */
  usage(cols: number, bold: boolean): string {
    const rpad = (s: string, n: number) => s.padEnd(n);
    const visible = this.children.filter((c) => !c.spec.hidden);
    let out = 'Usage:';
    if (!this.hasSubCommands()) out += `  ${this.useLine()}`;
    else out += `  ${this.commandPath()}${!this.parent ? ' [OPTIONS]' : ''} COMMAND`;
    out += `\n\n${(this.spec.long ?? this.spec.short).trim()}`;
    const aliases = this.aliasesText();
    if (aliases) out += `\n\nAliases:\n  ${aliases}`;
    const flags = this.flagSet();
    const hasFlags = (this.spec.flags ?? []).some((f) => !f.hidden);
    if (this.parent && hasFlags) out += `\n\nOptions:\n${flags.usages(cols - 1).replace(/\s+$/, '')}`;
    if (!this.parent) {
      const top = visible
        .filter((c) => c.spec.top !== undefined)
        .sort((a, b) => (a.spec.top ?? 0) - (b.spec.top ?? 0));
      if (top.length)
        out +=
          '\n\nCommon Commands:' +
          top.map((c) => `\n  ${rpad(c.name + ' ', c.namePadding() + 1)}${c.spec.short}`).join('');
      const mgmt = visible.filter((c) => c.hasSubCommands() && !c.spec.swarm);
      if (mgmt.length)
        out +=
          '\n\nManagement Commands:' +
          mgmt.map((c) => `\n  ${rpad(c.name + ' ', c.namePadding() + 1)}${c.spec.short}`).join('');
      const swarm = visible.filter((c) => c.hasSubCommands() && c.spec.swarm);
      if (swarm.length)
        out +=
          '\n\nSwarm Commands:' +
          swarm.map((c) => `\n  ${rpad(c.name + ' ', c.namePadding() + 1)}${c.spec.short}`).join('');
    }
    const ops = visible.filter(
      (c) => !c.hasSubCommands() && !(this.parent === undefined && c.spec.top !== undefined),
    );
    if (this.hasSubCommands() && ops.length)
      out +=
        '\n\nCommands:' + ops.map((c) => `\n  ${rpad(c.name, c.namePadding())} ${c.spec.short}`).join('');
    if (!this.parent && hasFlags) out += `\n\nGlobal Options:\n${flags.usages(cols - 1).replace(/\s+$/, '')}`;
    if (this.hasSubCommands())
      out += `\n\nRun '${this.commandPath()} COMMAND --help' for more information on a command.`;
    if (!this.parent) {
      const msg = 'For more help on how to use Docker, head to https://docs.docker.com/go/guides/';
      out += `\n\n${bold ? `\x1b[1m${msg}\x1b[0m` : msg}`;
    }
    return out + '\n';
  }
}
