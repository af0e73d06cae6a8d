import { useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'

/**
 * Live progress of a background job (a PSA sync, a QBR pack): while `active`, the page's loaders run again every
 * `everyMs`, one revalidation at a time, so the job's row is read as the runner updates it.
 */
export function useRevalidateWhile(active: boolean, everyMs = 1500): void {
  const revalidator = useRevalidator()
  useEffect(() => {
    if (!active) return
    const timer = setInterval(() => {
      if (revalidator.state === 'idle') revalidator.revalidate()
    }, everyMs)
    return () => clearInterval(timer)
  }, [active, revalidator, everyMs])
}
