// One runner per job across instances: leases, and the leader that starts and stops a job by them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Leader } from "../../src/core/leader.ts";
import { createLogger } from "../../src/core/logger.ts";
import { LeaseStore } from "../../src/store/leases.ts";
import { postgresSql, type Sql } from "../../src/store/sql.ts";
import { ENGINES, openTestDatabase, type TestDatabase } from "../helpers/databases.ts";

const logger = createLogger("error");
const at = (s: number) => new Date(Date.UTC(2026, 10, 30, 8, 0, s));

describe.each(ENGINES)("leases on %s", (engine) => {
  let database: TestDatabase;
  /** A second instance's connection to the same database (PostgreSQL); SQLite has one process. */
  let other: Sql;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    other = database.url ? await postgresSql({ connectionString: database.url, poolSize: 2 }) : database.sql;
  });
  afterAll(async () => {
    if (other !== database.sql) await other.close();
    await database?.close();
  });

  it("gives a name to one holder until it expires, then to whoever asks", async () => {
    const a = new LeaseStore(database.sql);
    const b = new LeaseStore(other);
    expect(await a.acquire("job-1", "a", at(0), 10_000)).toBe(true);
    expect(await b.acquire("job-1", "b", at(5), 10_000)).toBe(false);
    expect(await a.acquire("job-1", "a", at(6), 10_000)).toBe(true); // renewed until 16 s
    expect(await b.acquire("job-1", "b", at(15), 10_000)).toBe(false);
    expect(await b.acquire("job-1", "b", at(17), 10_000)).toBe(true);
    expect(await a.holderOf("job-1", at(18))).toBe("b");
  });

  it("lets exactly one of many instances asking at the same moment win", async () => {
    const stores = [new LeaseStore(database.sql), new LeaseStore(other)];
    const wins = await Promise.all(Array.from({ length: 12 }, (_, i) => stores[i % 2]!.acquire("job-2", `i${i}`, at(0), 10_000)));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it("a leader that stops hands the job to the next instance at its next try", async () => {
    const events: string[] = [];
    const leader = (name: string, sql: Sql) =>
      new Leader({
        leases: new LeaseStore(sql),
        name: "job-3",
        holder: name,
        logger,
        ttlMs: 2_000,
        renewMs: 50,
        lead: async () => void events.push(`${name} leads`),
        follow: async () => void events.push(`${name} stops`),
      });
    const a = leader("a", database.sql);
    const b = leader("b", other);
    await a.start();
    await b.start();
    expect([a.isLeader, b.isLeader]).toEqual([true, false]);
    await a.stop();
    await expect.poll(() => b.isLeader, { timeout: 2_000 }).toBe(true);
    await b.stop();
    expect(events).toEqual(["a leads", "a stops", "b leads", "b stops"]);
  });
});
