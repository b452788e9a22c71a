// Who is on the other end of an HTTP request: the socket address, or the address a trusted proxy reports.
// TRUST_PROXY (config/staff.ts: a list of addresses and CIDR blocks) read the same way as the dashboard's login
// throttle does; pure, so any part of the HTTP app can use it.
import { BlockList, isIP } from "node:net";

/** Trusted proxies as configured, plus a checker. Empty: no proxy is trusted, X-Forwarded-For is ignored. */
export interface TrustedProxies {
  readonly entries: readonly string[];
  has(address: string): boolean;
}

/** "::ffff:10.0.0.1" (how Node reports IPv4 on a dual-stack socket) → "10.0.0.1". */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim().replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(trimmed);
  return mapped ? mapped[1]! : trimmed.toLowerCase();
}

function ipType(address: string): "ipv4" | "ipv6" | undefined {
  const version = isIP(address);
  return version === 4 ? "ipv4" : version === 6 ? "ipv6" : undefined;
}

/** Parses "127.0.0.1, 10.0.0.0/8, ::1" (or the list config already split); throws with a Chinese message naming the bad item. */
export function parseTrustProxy(text: string | readonly string[] | undefined): TrustedProxies {
  const items = typeof text === "string" ? text.split(/[,，\s]+/) : [...(text ?? [])];
  const entries = items.map((s) => s.trim()).filter(Boolean);
  const list = new BlockList();
  for (const entry of entries) {
    const [rawAddress, prefix, extra] = entry.split("/");
    const address = normalizeAddress(rawAddress ?? "");
    const type = ipType(address);
    const bits = prefix === undefined ? undefined : Number(prefix);
    const maxBits = type === "ipv4" ? 32 : 128;
    if (!type || extra !== undefined || (bits !== undefined && (!Number.isInteger(bits) || bits < 0 || bits > maxBits || prefix === ""))) {
      throw new Error(`“${entry}”不是 IP 地址或网段（例如 127.0.0.1、10.0.0.0/8、::1）`);
    }
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return {
    entries,
    has(candidate: string) {
      const address = normalizeAddress(candidate);
      const type = ipType(address);
      return type !== undefined && entries.length > 0 && list.check(address, type);
    },
  };
}

export function isLoopback(address: string): boolean {
  const a = normalizeAddress(address);
  return a === "::1" || /^127\./.test(a);
}

export interface ClientAddress {
  /** The best-known address of the client (the socket's, or the one a trusted proxy reported). */
  address: string;
  /**
   * True when the address stands for one client: not the loopback interface (a local proxy or script
   * speaking for many) and not a trusted proxy that failed to say for whom it speaks.
   */
  individual: boolean;
}

/**
 * Walks X-Forwarded-For from the right while the hop that added an entry is a trusted proxy; the first
 * address not trusted is the client. Entries a client wrote itself (the left end) are never reached
 * unless every hop after them is trusted, so a made-up header changes nothing.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trusted: TrustedProxies): ClientAddress {
  let current = normalizeAddress(socketAddress ?? "");
  if (!current) return { address: "unknown", individual: false };
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((s) => normalizeAddress(s))
    .filter(Boolean);
  while (trusted.has(current) && hops.length > 0) {
    const next = hops.pop()!;
    if (!ipType(next)) break;
    current = next;
  }
  const individual = !isLoopback(current) && !trusted.has(current) && ipType(current) !== undefined;
  return { address: current, individual };
}
