process.env.NODE_ENV = 'test'
// Passwords hashed at argon2's smallest cost in tests (server/auth/password.server.ts); `false` to test at full cost.
process.env.ACCORD_TEST_FAST_HASH ??= 'true'
