// Slow fault tests (floods, slow clients, kill -9, locks, SIGTERM …): `npm run test:faults`, kept out of `npm test`.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/faults/**/*.test.ts"],
    pool: "forks",
    // One at a time: they measure latency and hold files and ports.
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
