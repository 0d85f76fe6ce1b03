import type { DaemonHealth } from "../../../protocol/daemonHealth.js";

const MIB = 1024 * 1024;

function duration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h} h ${m % 60} min` : `${Math.floor(h / 24)} days ${h % 24} h`;
}

/** `status`'s readable form of the daemon's health and per-method profile. */
export function healthLines(health: DaemonHealth): string[] {
  const { connections: c, memory } = health;
  const lines = [
    `uptime: ${duration(health.uptimeMs)}, memory ${(memory.rssBytes / MIB).toFixed(0)} MiB (heap ${(memory.heapUsedBytes / MIB).toFixed(0)} MiB)`,
    `connections: ${c.native} native, ${c.websocket} websocket, ${c.cli} cli`,
    `requests: ${health.requests} (${health.errors} failed), ${health.pendingApprovals} approvals pending`,
  ];
  const methods = Object.entries(health.methods);
  if (methods.length === 0) return lines;
  const width = Math.max(6, ...methods.map(([name]) => name.length));
  const row = (cells: string[]) =>
    `  ${(cells[0] as string).padEnd(width)} ${cells
      .slice(1)
      .map((cell) => cell.padStart(9))
      .join(" ")}`.trimEnd();
  lines.push(row(["method", "count", "p50 ms", "p99 ms", "limited", "pending", "braked"]));
  for (const [name, m] of methods) {
    lines.push(
      row([
        name,
        String(m.count),
        m.p50Ms.toFixed(2),
        m.p99Ms.toFixed(2),
        String(m.refused.rateLimit),
        String(m.refused.pending),
        String(m.refused.rejectionBrake),
      ]),
    );
  }
  return lines;
}
