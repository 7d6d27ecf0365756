// Shell variables: values with export and readonly flags, function-local
// scopes (`local`), and the environment handed to the commands a shell runs.

export interface Var {
  value?: string;
  exported: boolean;
  readonly: boolean;
}

export class Vars {
  /** scopes[0] is global; each function call with `local` pushes one. */
  private scopes: Array<Map<string, Var>> = [new Map()];

  static fromEnv(env: Record<string, string>): Vars {
    const v = new Vars();
    for (const [k, val] of Object.entries(env)) {
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) v.scopes[0].set(k, { value: val, exported: true, readonly: false });
    }
    return v;
  }

  clone(): Vars {
    const v = new Vars();
    v.scopes = this.scopes.map((m) => new Map([...m].map(([k, x]) => [k, { ...x }])));
    return v;
  }

  private find(name: string): Var | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const v = this.scopes[i].get(name);
      if (v) return v;
    }
    return undefined;
  }

  get(name: string): string | undefined {
    return this.find(name)?.value;
  }

  has(name: string): boolean {
    return this.find(name)?.value !== undefined;
  }

  isReadonly(name: string): boolean {
    return this.find(name)?.readonly ?? false;
  }

  /** Set a value; false when the variable is readonly. */
  set(name: string, value: string, exportIt = false): boolean {
    const v = this.find(name);
    if (v?.readonly) return false;
    if (v) {
      v.value = value;
      if (exportIt) v.exported = true;
    } else this.scopes[0].set(name, { value, exported: exportIt, readonly: false });
    return true;
  }

  unset(name: string): boolean {
    const v = this.find(name);
    if (!v) return true;
    if (v.readonly) return false;
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      if (this.scopes[i].has(name)) {
        if (i === 0) this.scopes[0].delete(name);
        else this.scopes[i].set(name, { exported: false, readonly: false });
        return true;
      }
    }
    return true;
  }

  export(name: string, value?: string): boolean {
    const v = this.find(name);
    if (v?.readonly && value !== undefined) return false;
    if (v) {
      v.exported = true;
      if (value !== undefined) v.value = value;
    } else this.scopes[0].set(name, { value, exported: true, readonly: false });
    return true;
  }

  unexport(name: string): void {
    const v = this.find(name);
    if (v) v.exported = false;
  }

  setReadonly(name: string, value?: string): void {
    const v = this.find(name);
    if (v) {
      if (value !== undefined) v.value = value;
      v.readonly = true;
    } else this.scopes[0].set(name, { value, exported: false, readonly: true });
  }

  pushScope(): void {
    this.scopes.push(new Map());
  }

  popScope(): void {
    if (this.scopes.length > 1) this.scopes.pop();
  }

  get inFunction(): boolean {
    return this.scopes.length > 1;
  }

  /** `local name[=value]`: a new variable in the innermost function scope. */
  local(name: string, value?: string): void {
    const scope = this.scopes[this.scopes.length - 1];
    const outer = this.find(name);
    scope.set(name, { value: value ?? outer?.value, exported: outer?.exported ?? false, readonly: false });
  }

  /** All visible variables, sorted by name (set, export -p). */
  entries(): Array<[string, Var]> {
    const all = new Map<string, Var>();
    for (const scope of this.scopes) for (const [k, v] of scope) all.set(k, v);
    return [...all].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /**
   * The environment for a command: exported variables with values, plus per-command assignments.
   * `hashOrder`: in the order ash and dash build it (listvars walks their 39-bucket variable
   * table, each bucket in the order its names were first set), which is what `env` prints.
   */
  environ(extra: Record<string, string> = {}, hashOrder = false): Record<string, string> {
    const env: Record<string, string> = {};
    if (!hashOrder) {
      for (const [k, v] of this.entries()) if (v.exported && v.value !== undefined) env[k] = v.value;
      return { ...env, ...extra };
    }
    const seen = new Map<string, string | undefined>();
    for (const scope of this.scopes)
      for (const [k, v] of scope) seen.set(k, v.exported && v.value !== undefined ? v.value : undefined);
    for (const [k, val] of Object.entries(extra)) seen.set(k, val);
    const names = [...seen.keys()];
    const order = new Map(names.map((k, i) => [k, i]));
    names.sort((a, b) => hashvar(a) - hashvar(b) || order.get(a)! - order.get(b)!);
    for (const k of names) {
      const val = seen.get(k);
      if (val !== undefined) env[k] = val;
    }
    return env;
  }
}

/** ash/dash hashvar: the first byte times 16 plus every byte of the name, modulo VTABSIZE (39). */
function hashvar(name: string): number {
  // names are ASCII ([A-Za-z_][A-Za-z0-9_]*), so a code unit is a byte
  let h = (name.charCodeAt(0) || 0) << 4;
  for (let i = 0; i < name.length; i++) h += name.charCodeAt(i);
  return h % 39;
}
