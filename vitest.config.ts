import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['server/**/*.test.ts', 'app/**/*.test.ts', 'emails/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', 'node_modules/**'],
          setupFiles: ['tests/setup/console.ts'],
        },
      },
    ],
  },
})
