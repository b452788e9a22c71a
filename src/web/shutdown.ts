// Stops the HTTP server gracefully: no new connections, every request already received answered, then closed.
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { Server as NetServer, type Socket } from "node:net";

export interface ShutdownOptions {
  /** At most this long is spent accepting connections already queued by the kernel when the stop begins. */
  acceptWindowMs?: number;
  /** A new connection that has not sent its request yet may be carrying one already sent: it gets this long to arrive. */
  idleGraceMs?: number;
}

export interface GracefulServer {
  /** Resolves when every received request has been answered and every connection is closed. */
  stop(options?: ShutdownOptions): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Tracks the server's connections and their requests in flight. Node's own `server.close()` also closes
 * every connection it considers idle, which includes one whose request has been sent but not yet read:
 * under SIGTERM with 50 concurrent requests, 29 were reset that way.
 */
export function trackServer(server: Server): GracefulServer {
  const inFlight = new Map<Socket, number>();
  /** Connections that have had a request: once idle again they are plain keep-alive and can be closed at once. */
  const served = new WeakSet<Socket>();
  let stopping = false;
  let accepted = 0;

  server.on("connection", (socket: Socket) => {
    accepted++;
    inFlight.set(socket, 0);
    socket.once("close", () => inFlight.delete(socket));
  });
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    served.add(socket);
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    // Keep-alive clients are told this connection ends with the response, so they send nothing more on it.
    if (stopping) res.setHeader("connection", "close");
    res.once("close", () => {
      const left = Math.max(0, (inFlight.get(socket) ?? 1) - 1);
      if (inFlight.has(socket)) inFlight.set(socket, left);
      if (stopping && left === 0) socket.end();
    });
  });

  return {
    async stop(options = {}) {
      const acceptWindowMs = options.acceptWindowMs ?? 5000;
      const idleGraceMs = options.idleGraceMs ?? 1000;
      if (!server.listening) return;
      // Connections the kernel holds when the signal comes were sent by clients: closing the listener now would
      // reset them. Here they are taken about one per event-loop turn (seen under load), so turns go by until
      // one accepts nothing: the queue is empty.
      const acceptUntil = Date.now() + acceptWindowMs;
      for (let before = -1; before !== accepted && Date.now() < acceptUntil; ) {
        before = accepted;
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setImmediate(resolve));
      }
      stopping = true;
      const closed = new Promise<void>((resolve) => server.once("close", () => resolve()));
      // net.Server's close: stops listening and leaves open connections alone (http.Server's would drop idle ones).
      NetServer.prototype.close.call(server);
      const started = Date.now();
      for (;;) {
        for (const [socket, n] of inFlight) if (n === 0 && served.has(socket)) socket.end();
        const waiting = [...inFlight].some(([socket, n]) => n > 0 || (!served.has(socket) && Date.now() - started < idleGraceMs));
        if (!waiting) break;
        await sleep(10);
      }
      for (const socket of inFlight.keys()) socket.end();
      // A client that never closes its side must not hold the stop up.
      const force = setTimeout(() => {
        for (const socket of inFlight.keys()) socket.destroy();
      }, 1000);
      await closed;
      clearTimeout(force);
    },
  };
}
