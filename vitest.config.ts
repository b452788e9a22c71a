import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    // Slow fault tests (floods, slow clients, kill -9 …) run with `npm run test:faults` (vitest.faults.config.ts).
    exclude: ["test/faults/**", "**/node_modules/**"],
    pool: "forks",
    // Test files share their worker's modules: jieba's dictionary and the knowledge base load once per worker
    // instead of once per file (npm test 285 s → 160 s here). Tests that share state say so (segmenter).
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
