import { useRouteLoaderData } from '@remix-run/react'
import { DEFAULT_LOCALE } from './format'

/** The reader's locale, from the request's Accept-Language (the root loader), for dates on every page. */
export function useLocale(): string {
  const root = useRouteLoaderData('root') as { locale?: string } | undefined
  return root?.locale ?? DEFAULT_LOCALE
}
