// `npm run db:copy -- [--from var/xiangqin.db] [--to postgres://…]`: moves an existing SQLite database into an empty
// PostgreSQL database and checks that every table's count matches. Stop the app first, so nothing is written meanwhile.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadConfig } from "../config/index.ts";
import { copyDatabase, CopyError } from "../store/copy.ts";
import { Store } from "../store/index.ts";
import { postgresSql } from "../store/sql.ts";

const { values } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" } } });
const config = loadConfig();
const from = values.from ?? config.DB_PATH;
const to = values.to ?? process.env.DATABASE_URL;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

if (!to || !/^postgres(ql)?:\/\//.test(to)) fail("请用 --to postgres://用户:密码@主机:端口/库名 指定目标 PostgreSQL 数据库（或设置 DATABASE_URL）。");
if (from === ":memory:" || !existsSync(from)) fail(`找不到要搬的 SQLite 数据库文件：${from}（用 --from 指定）。`);

// Opening the file brings it to the newest schema first, the one the PostgreSQL migrations also build.
const source = Store.open(from, { backgroundCheckpoint: false });
let target: Awaited<ReturnType<typeof postgresSql>> | undefined;
try {
  target = await postgresSql({ connectionString: to, poolSize: 2, applicationName: "xiangqin db:copy" });
  const counts = await copyDatabase(source.sql, target, (table, rows) => process.stdout.write(`  ${table}: ${rows} 行\n`));
  const total = counts.reduce((n, c) => n + c.target, 0);
  process.stdout.write(`搬迁完成：${counts.length} 张表共 ${total} 行，两边逐表核对行数一致。\n`);
} catch (error) {
  if (error instanceof CopyError) fail(`没有搬迁：${error.message}`);
  fail(`没有搬迁：${(error as Error)?.message ?? String(error)}`);
} finally {
  await target?.close();
  await source.close();
}
