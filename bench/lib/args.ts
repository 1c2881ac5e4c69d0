/** Command-line flags shared by the benches: `--name value`, `--name=value`, and bare boolean flags. */
export interface ParsedArgs {
  values: Map<string, string>;
  flags: Set<string>;
}

export function parseArgs(argv: readonly string[], booleanFlags: readonly string[]): ParsedArgs {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${JSON.stringify(arg)}`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (booleanFlags.includes(name)) {
      if (eq !== -1) throw new Error(`--${name} takes no value`);
      flags.add(name);
      continue;
    }
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
    values.set(name, value);
  }
  return { values, flags };
}

export function intArg(args: ParsedArgs, name: string, fallback: number, min: number): number {
  const raw = args.values.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`--${name} must be an integer ≥ ${min}, got ${JSON.stringify(raw)}`);
  return value;
}

/** A comma-separated list of non-negative numbers, e.g. `--rtt 0,50`. */
export function numberListArg(args: ParsedArgs, name: string, fallback: number[]): number[] {
  const raw = args.values.get(name);
  if (raw === undefined) return fallback;
  const list = raw.split(',').map((part) => part.trim());
  const numbers = list.map(Number);
  if (list.length === 0 || list.some((part) => part === '') || numbers.some((n) => !Number.isFinite(n) || n < 0)) {
    throw new Error(`--${name} must be a comma-separated list of numbers ≥ 0, got ${JSON.stringify(raw)}`);
  }
  return [...new Set(numbers)];
}

export function rejectUnknown(args: ParsedArgs, known: readonly string[]): void {
  const unknown = [...args.values.keys(), ...args.flags].filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.map((name) => `--${name}`).join(', ')}`);
}
