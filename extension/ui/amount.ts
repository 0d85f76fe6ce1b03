/**
 * An amount in base units, as a person reads it: grouped thousands, at most `maxFraction`
 * decimals (trailing zeros dropped), and "< 0.0001" for dust rather than a misleading zero.
 * Exact: works on the decimal string, never through a float.
 */
export function formatAmount(base: string, decimals: number, maxFraction = 4): string {
  const digits = base.replace(/^0+(?=\d)/, "");
  const padded = digits.padStart(decimals + 1, "0");
  const whole = padded.slice(0, padded.length - decimals);
  const fraction = padded.slice(padded.length - decimals);
  const kept = fraction.slice(0, maxFraction).replace(/0+$/, "");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  if (whole === "0" && kept === "" && /[1-9]/.test(fraction)) return `< 0.${"0".repeat(maxFraction - 1)}1`;
  return kept ? `${grouped}.${kept}` : grouped;
}

/** "3 min ago", "yesterday"-style times for the activity list; dates past a week. */
export function timeAgo(then: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 7) return days === 1 ? "yesterday" : `${days} days ago`;
  return new Date(then).toLocaleDateString();
}
