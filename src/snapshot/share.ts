// Several instances, one knowledge base: when one instance reloads data/, the others reload too (PostgreSQL
// NOTIFY). Every instance reads its own data/ folder, so they must be given the same one (a shared folder, or
// the same files deployed to each); an instance whose files differ says so in its log.
import type { Logger } from "../core/logger.ts";
import type { Sql } from "../store/sql.ts";
import type { SnapshotHolder } from "./index.ts";

export const RELOAD_CHANNEL = "xiangqin_data_reloaded";

interface ReloadNotice {
  version: string;
  instance: string;
}

/** Announces this instance's reloads and follows the others'; a no-op on SQLite (one process). */
export async function shareReloads(holder: SnapshotHolder, sql: Sql, instance: string, logger: Logger): Promise<() => void> {
  if (sql.engine !== "postgres") return () => {};
  const stop = holder.onReload((version) => {
    const notice: ReloadNotice = { version, instance };
    sql.notify(RELOAD_CHANNEL, JSON.stringify(notice)).catch((error) => logger.warn("could not tell the other instances about the reload", { error }));
  });
  await sql.listen(
    RELOAD_CHANNEL,
    (payload) => {
      let notice: ReloadNotice;
      try {
        notice = JSON.parse(payload) as ReloadNotice;
      } catch {
        return;
      }
      if (notice.instance === instance || typeof notice.version !== "string") return;
      logger.info("another instance reloaded data/; reloading here", { from: notice.instance, version: notice.version });
      holder.reloadTo(notice.version);
    },
    (error) => logger.warn("listening for other instances' reloads failed; reconnecting", { error }),
  );
  return stop;
}
