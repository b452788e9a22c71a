// Runs WAL checkpoints on its own connection in a worker thread, so their fsync never stalls a reply.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

let db;
try {
  db = new Database(workerData.path, { fileMustExist: true });
  db.pragma("busy_timeout = 1000");
} catch (error) {
  // The database may already be closed and removed (a short-lived test or CLI run): nothing to do.
  parentPort?.postMessage({ error: String(error) });
  db = undefined;
}

const timer = db
  ? setInterval(() => {
      try {
        db.pragma("wal_checkpoint(PASSIVE)");
      } catch (error) {
        parentPort?.postMessage({ error: String(error) });
      }
    }, workerData.intervalMs)
  : undefined;

parentPort?.on("message", (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  db?.close();
  parentPort?.postMessage({ stopped: true });
  parentPort?.close();
});
