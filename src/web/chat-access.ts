// Who a web chat request speaks for (signed cookie, or a userId vouched for by CHAT_API_TOKEN) and whether
// it may be served now (token buckets per user, per client address where one exists, and for new identities).
// On SQLite (one process) the buckets live in memory; on PostgreSQL in the shared database, so that several
// instances keep one limit between them.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { Config } from "../config/index.ts";
import type { Logger } from "../core/logger.ts";
import { RateBucketStore } from "../store/rate-buckets.ts";
import type { SecretStore } from "../store/secrets.ts";
import { isDatabaseFailure, type Sql } from "../store/sql.ts";
import { clientAddress, parseTrustProxy, type ClientAddress, type TrustedProxies } from "./client-address.ts";
import { apiError } from "./errors.ts";
import { CHAT_COOKIE, CHAT_COOKIE_MAX_AGE_SECONDS, ChatIdentity, chatCookieKey, userLabel } from "./identity.ts";
import { TokenBuckets, type Take } from "./rate-limit.ts";

export type ChatAccessConfig = Pick<Config, "CHAT_COOKIE_SECRET" | "CHAT_API_TOKEN" | "CHAT_RATE_PER_MINUTE" | "CHAT_RATE_BURST" | "COOKIE_SECURE"> & {
  /** Reverse proxies whose X-Forwarded-For is believed (config/staff.ts); none: the socket address counts. */
  TRUST_PROXY?: readonly string[] | undefined;
};

export interface ChatCaller {
  userId: string;
  /** Named by the body under CHAT_API_TOKEN: no cookie is set for it. */
  vouched: boolean;
  /** No valid cookie came with the request: this response creates the identity. */
  isNew: boolean;
}

/** An address speaking for one client may send this many times what one user may (a family shares a phone). */
const ADDRESS_FACTOR = 3;
/** Requests with no identity from addresses that stand for many clients (loopback, a proxy) share one bucket. */
const SHARED_NEW_FACTOR = 10;
const SHARED = "shared";
/** How often (at most) an instance deletes the shared buckets that have been idle for a full refill. */
const SWEEP_EVERY_MS = 60_000;

/** One kind of bucket: its size and rate, and this process's own buckets of that kind. */
interface Limit {
  capacity: number;
  refillPerSecond: number;
  /** SQLite's buckets; on PostgreSQL only the stand-in while the database does not answer. */
  local: TokenBuckets;
}

export class ChatAccess {
  private identity!: ChatIdentity;
  /** Settles once the cookie-signing key is read (or made): requests wait for it before anything else. */
  readonly ready: Promise<void>;
  private readonly users: Limit | undefined;
  private readonly addresses: Limit | undefined;
  private readonly newcomers: Limit | undefined;
  private readonly sharedNewcomers: Limit | undefined;
  /** PostgreSQL: the buckets every instance takes from. */
  private readonly shared: RateBucketStore | undefined;
  /** Keys the shared buckets by an HMAC of the user or address, so the table holds neither (set once ready). */
  private bucketKeyKey: Buffer | undefined;
  /** A bucket idle this long is full again (the same for every kind: each is burst × factor at rate × factor). */
  private fullRefillMs = 0;
  private sweptAt = Number.NEGATIVE_INFINITY;
  private readonly loggedAt = new Map<string, number>();
  private readonly proxies: TrustedProxies;
  /** CHAT_API_TOKEN's digest, made once: each request hashes only the token it brings. */
  private readonly tokenDigest: Buffer | undefined;

  constructor(
    private readonly config: ChatAccessConfig,
    store: { secrets: SecretStore; sql: Sql },
    private readonly logger: Logger,
    clock: () => Date,
    private readonly now: () => number = Date.now,
  ) {
    this.ready = chatCookieKey(config.CHAT_COOKIE_SECRET, store.secrets, clock).then((key) => {
      this.identity = new ChatIdentity(key);
      this.bucketKeyKey = createHmac("sha256", key).update("xiangqin rate bucket keys").digest();
    });
    // A failure (the database unreadable) reaches every request that waits for it, not the process.
    this.ready.catch(() => {});
    this.proxies = parseTrustProxy(config.TRUST_PROXY);
    this.tokenDigest = config.CHAT_API_TOKEN ? createHash("sha256").update(config.CHAT_API_TOKEN).digest() : undefined;
    const perMinute = config.CHAT_RATE_PER_MINUTE;
    if (perMinute > 0) {
      const burst = Math.max(1, config.CHAT_RATE_BURST);
      const bucket = (factor: number): Limit => {
        const capacity = burst * factor;
        const refillPerSecond = (perMinute * factor) / 60;
        this.fullRefillMs = Math.max(this.fullRefillMs, Math.ceil((capacity / refillPerSecond) * 1000));
        return { capacity, refillPerSecond, local: new TokenBuckets({ capacity, refillPerSecond, now }) };
      };
      if (store.sql.engine === "postgres") this.shared = new RateBucketStore(store.sql);
      this.users = bucket(1);
      this.addresses = bucket(ADDRESS_FACTOR);
      // A client that drops the cookie becomes a new user with every request; new identities are limited
      // per address, or (where addresses can't tell clients apart) together — known users are never held back.
      this.newcomers = bucket(1);
      this.sharedNewcomers = bucket(SHARED_NEW_FACTOR);
    }
  }

  /**
   * The caller: a body userId counts only with `Authorization: Bearer $CHAT_API_TOKEN`; otherwise the signed
   * cookie; otherwise a new identity. A wrong token, a forged cookie or a bad userId is never an error.
   */
  caller(c: Context, bodyUserId: unknown): ChatCaller {
    if (this.vouched(c)) {
      const named = typeof bodyUserId === "string" ? bodyUserId.trim() : "";
      if (named.length > 0 && named.length <= 200) return { userId: named, vouched: true, isNew: false };
    }
    const fromCookie = this.identity.read(getCookie(c, CHAT_COOKIE));
    if (fromCookie) return { userId: fromCookie, vouched: false, isNew: false };
    return { userId: this.identity.issue().userId, vouched: false, isNew: true };
  }

  /** For reading only (notifications): the vouched or cookie user, or nobody; never creates one. */
  reader(c: Context, queryUserId: string | undefined): string | undefined {
    if (this.vouched(c) && queryUserId && queryUserId.trim().length > 0 && queryUserId.length <= 200) return queryUserId.trim();
    return this.identity.read(getCookie(c, CHAT_COOKIE));
  }

  /** Undefined when the request may go on; otherwise the polite 429 to send. */
  async admit(c: Context, caller: ChatCaller): Promise<Response | undefined> {
    if (!this.users) return undefined;
    const client = this.client(c);
    const checks: Array<[Limit | undefined, string, string]> = [];
    if (client.individual) checks.push([this.addresses, `address:${client.address}`, "address"]);
    if (caller.isNew)
      checks.push(client.individual ? [this.newcomers, `new:${client.address}`, "new-identity"] : [this.sharedNewcomers, SHARED, "new-identity-shared"]);
    else checks.push([this.users, `user:${caller.userId}`, "user"]);
    if (this.shared) this.sweepNowAndThen();
    for (const [limit, key, scope] of checks) {
      const taken = this.shared ? await this.takeShared(this.shared, limit!, key) : limit!.local.take(key);
      if (taken.ok) continue;
      this.logRefusal(key, scope, scope === "user" ? userLabel(caller.userId) : addressLabel(client), taken.retryAfterSeconds);
      c.header("Retry-After", String(taken.retryAfterSeconds));
      return apiError(c, 429, "TOO_MANY_REQUESTS", `您发得太快了，请歇一歇，${taken.retryAfterSeconds} 秒后再发。我们一条一条都会认真看的。`);
    }
    return undefined;
  }

  /**
   * A token from the shared bucket. While the database does not answer, this instance's own buckets stand in
   * (each instance then limits on its own) rather than every request failing here: the assistant still replies
   * without a database (it says the message was not logged).
   */
  private async takeShared(shared: RateBucketStore, limit: Limit, key: string): Promise<Take> {
    const digest = createHmac("sha256", this.bucketKeyKey!).update(key).digest("base64url").slice(0, 22);
    try {
      return await shared.take(`chat:${digest}`, limit.capacity, limit.refillPerSecond, this.now());
    } catch (error) {
      if (!isDatabaseFailure(error)) throw error;
      this.logOnce("rate-buckets-unreachable", () => this.logger.warn("shared rate limits unreachable; this instance limits on its own", { error }));
      return limit.local.take(key);
    }
  }

  /** At most once a minute, deletes the shared buckets idle for a full refill (they are full: nothing is lost). */
  private sweepNowAndThen(): void {
    const now = this.now();
    if (now - this.sweptAt < SWEEP_EVERY_MS) return;
    this.sweptAt = now;
    this.shared!.sweep(now - this.fullRefillMs).catch((error: unknown) => {
      this.logOnce("rate-buckets-sweep", () => this.logger.warn("idle rate buckets not deleted; next try in a minute", { error }));
    });
  }

  /** Sets (or renews) the identity cookie; a vouched caller gets none. */
  remember(c: Context, caller: ChatCaller): void {
    if (caller.vouched) return;
    setCookie(c, CHAT_COOKIE, this.identity.cookieFor(caller.userId), {
      httpOnly: true,
      sameSite: "Lax",
      path: "/",
      maxAge: CHAT_COOKIE_MAX_AGE_SECONDS,
      secure: this.secure(c),
    });
  }

  client(c: Context): ClientAddress {
    const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
    return clientAddress(incoming?.socket?.remoteAddress, c.req.header("x-forwarded-for"), this.proxies);
  }

  private vouched(c: Context): boolean {
    const header = c.req.header("authorization");
    if (!this.tokenDigest || !header) return false;
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (!match) return false;
    const given = createHash("sha256").update(match[1]!.trim()).digest();
    return timingSafeEqual(given, this.tokenDigest);
  }

  private secure(c: Context): boolean {
    const setting = this.config.COOKIE_SECURE;
    if (setting !== "auto") return setting === "on";
    if (new URL(c.req.url).protocol === "https:") return true;
    // X-Forwarded-Proto is believed only from a trusted proxy.
    const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
    const socket = incoming?.socket?.remoteAddress;
    return socket !== undefined && this.proxies.has(socket) && c.req.header("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
  }

  /** One log line per refused key and minute: no ids or addresses, only their labels. */
  private logRefusal(key: string, scope: string, who: string, retryAfterSeconds: number): void {
    this.logOnce(key, () => this.logger.warn("chat rate limited", { scope, who, retryAfterSeconds }));
  }

  /** Runs `log` unless it ran for `key` within the last minute. */
  private logOnce(key: string, log: () => void): void {
    const now = this.now();
    const last = this.loggedAt.get(key);
    if (last !== undefined && now - last < 60_000) return;
    if (this.loggedAt.size > 10_000) this.loggedAt.clear();
    this.loggedAt.set(key, now);
    log();
  }
}

function addressLabel(client: ClientAddress): string {
  return `地址#${createHash("sha256").update(`xiangqin address label\0${client.address}`).digest("hex").slice(0, 8).toUpperCase()}`;
}
