import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "protocol/**/*.test.ts",
      "extension/**/*.test.ts",
      "native-host/**/*.test.ts",
      "test/**/*.test.ts",
      "bench/**/*.test.ts",
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: browser tests and scrypt are heavy; two files at a time keeps timings sane.
    maxWorkers: 2,
    pool: "forks",
  },
});
