import { createAutotaskConnector } from './autotask.ts'
import { createConnectWiseConnector } from './connectwise.ts'
import { createHaloConnector } from './halopsa.ts'
import type { HttpOptions } from './http.ts'
import { type Connector, ConnectorError, type Credentials, DEFAULT_BASE_URL } from './types.ts'

export interface ConnectorSpec {
  baseUrl: string | null
  companyIds: readonly string[]
  settings: Record<string, unknown>
}

/** The connector for a connection's kind. `http` carries test-speed delays and timeouts. */
export function createConnector(spec: ConnectorSpec & Credentials, options: { http?: HttpOptions; pageSize?: number } = {}): Connector {
  const baseUrl = spec.baseUrl ?? DEFAULT_BASE_URL[spec.kind]
  if (!baseUrl) throw new ConnectorError('CONFIG', `${spec.kind}: the base URL is required`)
  const common = { baseUrl, companyIds: spec.companyIds, http: options.http, pageSize: options.pageSize }
  switch (spec.kind) {
    case 'connectwise':
      return createConnectWiseConnector({ ...common, credentials: spec.credentials, settings: spec.settings })
    case 'autotask':
      return createAutotaskConnector({ ...common, credentials: spec.credentials, settings: spec.settings })
    case 'halopsa':
      return createHaloConnector({ ...common, credentials: spec.credentials, settings: spec.settings })
  }
}
