/** Thrown for bad usage: the CLI prints the message and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * A small, strict flag parser: `--flag value`, `--flag=value`, repeatable flags, booleans.
 * Unknown flags are usage errors, so a typo never silently does the wrong thing.
 */
export function parseFlags(
  argv: readonly string[],
  spec: { values?: readonly string[]; repeat?: readonly string[]; booleans?: readonly string[] },
): {
  values: Map<string, string>;
  repeated: Map<string, string[]>;
  booleans: Set<string>;
  positional: string[];
} {
  const values = new Map<string, string>();
  const repeated = new Map<string, string[]>();
  const booleans = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (spec.booleans?.includes(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      booleans.add(name);
      continue;
    }
    const isValue = spec.values?.includes(name);
    const isRepeat = spec.repeat?.includes(name);
    if (!isValue && !isRepeat) throw new UsageError(`unknown option --${name}`);
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || value === "") throw new UsageError(`--${name} needs a value`);
    if (isRepeat) repeated.set(name, [...(repeated.get(name) ?? []), value]);
    else values.set(name, value);
  }
  return { values, repeated, booleans, positional };
}
