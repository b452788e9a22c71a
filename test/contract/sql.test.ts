// The query layer both engines share: what every repository relies on.
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migratePostgres } from "../../src/store/sql.ts";
import { ENGINES, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";

describe.each(ENGINES)("the shared query layer on %s", (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database?.close());

  const secret = (name: string) => ({ name, value: "v", created_at: "2026-11-30T00:00:00.000Z" });

  it("commits every write of a transaction together, including writes made deeper in the call chain", async () => {
    const { sql: store } = database;
    const deeper = () => store.db.insertInto("app_secrets").values(secret("b")).execute();
    await store.transaction(async () => {
      await store.db.insertInto("app_secrets").values(secret("a")).execute();
      await deeper();
    });
    const names = await store.db.selectFrom("app_secrets").select("name").orderBy("name").execute();
    expect(names.map((r) => r.name)).toEqual(["a", "b"]);
  });

  it("keeps none of a failed transaction's writes, and the error reaches the caller", async () => {
    const { sql: store } = database;
    await expect(
      store.transaction(async () => {
        await store.db.insertInto("app_secrets").values(secret("c")).execute();
        // The same key again: the database refuses it, so "c" must go too.
        await store.db.insertInto("app_secrets").values(secret("a")).execute();
      }),
    ).rejects.toThrow();
    const c = await store.db.selectFrom("app_secrets").select("name").where("name", "=", "c").executeTakeFirst();
    expect(c).toBeUndefined();
  });

  it("a transaction inside another joins it: the outer one's failure undoes the inner one's write", async () => {
    const { sql: store } = database;
    await expect(
      store.transaction(async () => {
        await store.transaction(() => store.db.insertInto("app_secrets").values(secret("d")).execute(), { durable: true });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await store.db.selectFrom("app_secrets").select("name").where("name", "=", "d").executeTakeFirst()).toBeUndefined();
  });

  it("runs two hundred concurrent read-then-write transactions one at a time: none loses another's write", async () => {
    const { sql: store } = database;
    await store.db.insertInto("llm_usage").values({ day: "counter", updated_at: "t" }).execute();
    await Promise.all(
      Array.from({ length: 200 }, () =>
        store.transaction(async () => {
          const row = await store.db
            .selectFrom("llm_usage")
            .select("calls")
            .where("day", "=", "counter")
            .$if(store.engine === "postgres", (q) => q.forUpdate()) // SQLite: the transaction holds the only connection
            .executeTakeFirstOrThrow();
          await new Promise((resolve) => setImmediate(resolve)); // others get the event loop meanwhile
          await store.db
            .updateTable("llm_usage")
            .set({ calls: row.calls + 1 })
            .where("day", "=", "counter")
            .execute();
        }),
      ),
    );
    const { calls } = await store.db.selectFrom("llm_usage").select("calls").where("day", "=", "counter").executeTakeFirstOrThrow();
    expect(calls).toBe(200);
  });

  it("returns counts and sums as numbers, and new ids with RETURNING", async () => {
    const { sql: store } = database;
    const row = await store.db
      .insertInto("audit_log")
      .values({ actor: "a", role: "admin", action: "x", outcome: "allowed", created_at: "2026-11-30T00:00:00.000Z" })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(typeof row.id).toBe("number");
    const { n, total } = await store.db
      .selectFrom("audit_log")
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.sum<number>("id").as("total")])
      .executeTakeFirstOrThrow();
    expect(n).toBe(1);
    expect(total).toBe(row.id);
    const raw = await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log`.execute(store.db);
    expect(raw.rows[0]!.n).toBe(1);
  });
});

describe.runIf(ENGINES.includes("postgres"))("PostgreSQL commits", () => {
  it("wait for the disk inside a durable transaction only", async () => {
    const database = await openTestDatabase("postgres");
    try {
      const { sql: store } = database;
      const level = async () => (await sql<{ synchronous_commit: string }>`SHOW synchronous_commit`.execute(store.db)).rows[0]!.synchronous_commit;
      expect(await level()).toBe("off");
      expect(await store.transaction(level)).toBe("off");
      expect(await store.transaction(level, { durable: true })).toBe("on");
      // SET LOCAL ends with its transaction: the connection goes back to the pool as it was.
      expect(await level()).toBe("off");
    } finally {
      await database.close();
    }
  });
});

describe.runIf(ENGINES.includes("postgres"))("PostgreSQL migrations", () => {
  it("two instances starting at the same moment apply each migration once", async () => {
    const database = await openTestDatabase("postgres");
    try {
      const pools = [new pg.Pool({ connectionString: database.url }), new pg.Pool({ connectionString: database.url })];
      const extra = [{ version: 900, name: "900-test.sql", sql: "CREATE TABLE migration_probe (id INTEGER)" }];
      const ran = await Promise.all(pools.map((pool) => migratePostgres(pool, extra)));
      await Promise.all(pools.map((pool) => pool.end()));
      // One of them created the table; the other waited for the lock and found it applied.
      expect(ran.map((versions) => versions.length).sort()).toEqual([0, 1]);
    } finally {
      await database.close();
    }
  });
});
