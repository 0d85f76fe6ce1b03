import type { Warning } from "../../../protocol/approvalDetails.js";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** The part of an origin a person recognises a site by: host and port, no scheme. */
export function siteHost(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

/**
 * Warnings about the asking site itself. A site served over plain http (other than this
 * machine) can be altered by anyone on the network path, so what it asks for may not be what
 * its owner wrote.
 */
export function siteWarnings(origin: string): Warning[] {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return [];
  }
  if (url.protocol !== "http:" || LOOPBACK_HOSTS.has(url.hostname)) return [];
  return [
    {
      code: "insecure-site",
      severity: "caution",
      message: `${url.host} does not use a secure connection (https): anyone on your network could change what it asks you to approve.`,
    },
  ];
}
