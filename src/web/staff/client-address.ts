// Which address a request comes from, for login throttling and the audit log: the socket's peer, or — only when
// that peer is a configured trusted proxy — the nearest X-Forwarded-For entry that the proxies did not add.
import { BlockList, isIP } from "node:net";
import type { Context } from "hono";

/** Addresses the client's own software cannot fake: built once from TRUST_PROXY. */
export class TrustedProxies {
  private readonly list = new BlockList();
  readonly empty: boolean;

  constructor(entries: readonly string[]) {
    this.empty = entries.length === 0;
    for (const entry of entries) {
      const [address, bits] = entry.split("/") as [string, string | undefined];
      const family = isIP(address) === 6 ? "ipv6" : "ipv4";
      if (bits === undefined) this.list.addAddress(address, family);
      else this.list.addSubnet(address, Number(bits), family);
    }
  }

  has(address: string): boolean {
    if (this.empty) return false;
    const family = isIP(address);
    if (family === 0) return false;
    return this.list.check(address, family === 6 ? "ipv6" : "ipv4");
  }
}

/** "::ffff:10.0.0.1" → "10.0.0.1", so IPv4 clients on a dual-stack socket match IPv4 rules and buckets. */
export function normalizeAddress(raw: string): string {
  const address = raw.trim().replace(/^\[(.*)\](:\d+)?$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped ? mapped[1]! : address).toLowerCase();
}

/**
 * Walks X-Forwarded-For from the right: each proxy appends the address it received from, so the rightmost entry
 * not belonging to a trusted proxy is the first one an outsider could not have written.
 */
export function clientFromForwarded(peer: string, forwardedFor: string | undefined, trusted: TrustedProxies): string {
  if (!trusted.has(peer) || !forwardedFor) return peer;
  const hops = forwardedFor.split(",").map(normalizeAddress).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (isIP(hop) === 0) return peer; // garbage in the chain: don't guess past it
    if (!trusted.has(hop)) return hop;
  }
  return hops[0] ?? peer;
}

/** The socket peer of a request served by @hono/node-server; undefined for in-process requests (app.request). */
export function socketAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } }; server?: { incoming?: { socket?: { remoteAddress?: string } } } } | undefined;
  const raw = env?.incoming?.socket?.remoteAddress ?? env?.server?.incoming?.socket?.remoteAddress;
  return raw ? normalizeAddress(raw) : undefined;
}

export function clientAddress(c: Context, trusted: TrustedProxies): string | undefined {
  const peer = socketAddress(c);
  if (!peer) return undefined;
  return clientFromForwarded(peer, c.req.header("x-forwarded-for"), trusted);
}
