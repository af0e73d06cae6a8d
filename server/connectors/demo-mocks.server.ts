// MOCKS=true: the PSA APIs answered in process by the same msw handlers the tests use, so the demo (and the CLI)
// can sync without a real PSA. Requests to any other host go to the network as usual.
export async function startPsaMocks(options: { latencyMs?: number } = {}): Promise<{ close(): void }> {
  const { demoMocks, mockServer } = await import('../../tests/mocks/index.ts')
  // MOCKS_DEMO_TICKETS / MOCKS_PAGE_SIZE: a smaller mocked ConnectWise (the CLI tests: every ticket costs a history call).
  const sized = (name: string) => {
    const value = process.env[name]
    if (value === undefined || value === '') return undefined
    if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`${name}: a positive whole number, not "${value}"`)
    return Number(value)
  }
  const { server } = mockServer(demoMocks(Date.now(), options.latencyMs, { tickets: sized('MOCKS_DEMO_TICKETS'), pageSize: sized('MOCKS_PAGE_SIZE') }))
  server.listen({ onUnhandledRequest: 'bypass' })
  return { close: () => server.close() }
}

/** The connection the demo seed creates when MOCKS=true (the mock's own credentials; nothing real). */
export async function demoConnectionInput(slug: string) {
  const { CW_CREDENTIALS, CW_SITE } = await import('../../tests/mocks/index.ts')
  return {
    slug,
    kind: 'connectwise' as const,
    baseUrl: CW_SITE,
    credentials: CW_CREDENTIALS,
    companies: ['250'],
    escalation: { queues: ['Escalations'], statuses: [] },
  }
}
