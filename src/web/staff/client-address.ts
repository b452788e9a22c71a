// The address a staff request comes from (login throttling, audit log): the socket peer, or — only when that peer
// is a TRUST_PROXY proxy — the rightmost X-Forwarded-For entry the proxies did not add. Same rules as the chat's
// rate limits (src/web/client-address.ts); this only reads the socket from hono's node-server bindings.
import type { Context } from "hono";
import { clientAddress, type TrustedProxies } from "../client-address.ts";

/** undefined for in-process requests (app.request), which have no socket and no client to throttle. */
export function requestClient(c: Context, trusted: TrustedProxies): string | undefined {
  const socket = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
  if (!socket) return undefined;
  return clientAddress(socket, c.req.header("x-forwarded-for"), trusted).address;
}
