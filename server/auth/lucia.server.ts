import { PrismaAdapter } from '@lucia-auth/adapter-prisma'
import { Lucia, TimeSpan } from 'lucia'
import { db } from '../db/client.server.ts'
import { env } from '../env.server.ts'

// Lucia is no longer developed upstream; it stays behind this module (and session.server.ts) so that it can be
// replaced by a few dozen lines of our own without touching any caller.
export const SESSION_COOKIE = 'accord_session'

async function createLucia() {
  const prisma = await db()
  return new Lucia(new PrismaAdapter(prisma.session, prisma.user), {
    sessionExpiresIn: new TimeSpan(env().SESSION_DAYS, 'd'),
    sessionCookie: { name: SESSION_COOKIE, attributes: { sameSite: 'lax', secure: false } },
    getUserAttributes: (attributes) => ({ email: attributes.email, name: attributes.name }),
  })
}

type AccordLucia = Awaited<ReturnType<typeof createLucia>>
declare module 'lucia' {
  interface Register {
    Lucia: AccordLucia
    DatabaseUserAttributes: { email: string; name: string }
    DatabaseSessionAttributes: { ipAddress: string | null; userAgent: string | null }
  }
}

const KEY = Symbol.for('accord.lucia')
const holder = globalThis as { [KEY]?: { prisma: unknown; lucia: Promise<AccordLucia> } }

export async function lucia(): Promise<AccordLucia> {
  const prisma = await db()
  // Rebuilt when the database handle changes (tests open one per worker).
  if (holder[KEY]?.prisma !== prisma) holder[KEY] = { prisma, lucia: createLucia() }
  return holder[KEY].lucia
}
