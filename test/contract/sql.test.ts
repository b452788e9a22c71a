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

  it("runs a query compiled once with each run's own values, inside and outside a transaction", async () => {
    const { sql: store } = database;
    const insert = store.prepare<{ name: string; value: string }>((db, value) =>
      db
        .insertInto("app_secrets")
        .values({ name: value("name"), value: value("value"), created_at: "2026-11-30T00:00:00.000Z" })
        .returning("name"),
    );
    const read = store.prepare<{ name: string }>((db, value) => db.selectFrom("app_secrets").select("value").where("name", "=", value("name")).limit(1));
    expect((await store.execute(insert.bind({ name: "p1", value: "一" }))).rows).toEqual([{ name: "p1" }]);
    await expect(
      store.transaction(async () => {
        await store.execute(insert.bind({ name: "p2", value: "二" }));
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect((await store.execute(read.bind({ name: "p1" }))).rows).toEqual([{ value: "一" }]);
    expect((await store.execute(read.bind({ name: "p2" }))).rows).toEqual([]);
    // A value the query never uses is a mistake in the query, found when it is compiled.
    const unused = (db: Parameters<Parameters<typeof store.prepare>[0]>[0], value: (name: "name") => string) => {
      value("name");
      return db.selectFrom("app_secrets").select("name");
    };
    expect(() => store.prepare<{ name: string }>(unused)).toThrow(/lost/);
  });

  it("performs a write of several steps in one transaction: all of it, or none of it when a step fails", async () => {
    const { sql: store } = database;
    const insert = store.prepare<{ name: string }>((db, value) =>
      db
        .insertInto("app_secrets")
        .values({ name: value("name"), value: "v", created_at: "2026-11-30T00:00:00.000Z" })
        .returning("name"),
    );
    const names = async () =>
      (await store.db.selectFrom("app_secrets").select("name").where("name", "like", "s%").orderBy("name").execute()).map((r) => r.name);
    const both = await store.perform(
      function* () {
        const first = yield insert.bind({ name: "s1" });
        const second = yield insert.bind({ name: "s2" });
        return [first.rows[0]?.name, second.rows[0]?.name];
      },
      { withinMs: 1000 },
    );
    expect(both).toEqual(["s1", "s2"]);
    await expect(
      store.perform(
        function* () {
          yield insert.bind({ name: "s3" });
          yield insert.bind({ name: "s1" }); // taken: the database refuses it, so s3 goes too
        },
        { withinMs: 1000 },
      ),
    ).rejects.toThrow();
    // Inside another transaction the steps join it, and its failure undoes them.
    await expect(
      store.transaction(async () => {
        await store.perform(
          function* () {
            yield insert.bind({ name: "s4" });
          },
          { withinMs: 1000 },
        );
        throw new Error("outer failed");
      }),
    ).rejects.toThrow("outer failed");
    expect(await names()).toEqual(["s1", "s2"]);
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
