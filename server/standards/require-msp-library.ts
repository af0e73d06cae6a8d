import type { OrgScope } from '../access/policy.server.ts'
import { notFound } from '../errors.ts'

/** Only an MSP has a standards library; a client organization's is not found (whatever its members' roles). */
export function requireMspLibrary(scope: OrgScope): string {
  if (scope.kind !== 'MSP') throw notFound('Standards library')
  return scope.orgId
}
