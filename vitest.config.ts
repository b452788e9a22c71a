import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    // Slow fault tests (floods, slow clients, kill -9 …) run with `npm run test:faults` (vitest.faults.config.ts).
    exclude: ["test/faults/**", "**/node_modules/**"],
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
