process.env.NODE_ENV = 'test'
// Passwords hashed at argon2's smallest cost in tests (server/auth/password.server.ts); `false` to test at full cost.
process.env.ACCORD_TEST_FAST_HASH ??= 'true'
// The PSA mocks (msw) answer vendor host names without DNS; the SSRF rule's own tests turn this off and resolve
// names with a resolver of their own (server/net/safe-url.server.ts, issue 13, D6).
process.env.ALLOW_PRIVATE_PSA_HOSTS ??= 'true'
