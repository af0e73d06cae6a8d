import { Body } from '@react-email/body'
import { Button } from '@react-email/button'
import { Container } from '@react-email/container'
import { Head } from '@react-email/head'
import { Heading } from '@react-email/heading'
import { Hr } from '@react-email/hr'
import { Html } from '@react-email/html'
import { Link } from '@react-email/link'
import { Preview } from '@react-email/preview'
import { Section } from '@react-email/section'
import { Text } from '@react-email/text'
import type { ReactNode } from 'react'

// Inline styles only: mail clients drop <style> blocks and ignore classes.
export const styles = {
  body: { backgroundColor: '#f4f5f7', fontFamily: 'Helvetica, Arial, sans-serif', color: '#1f2937', margin: 0, padding: '24px 0' },
  container: { backgroundColor: '#ffffff', borderRadius: 8, margin: '0 auto', maxWidth: 560, padding: '24px 32px' },
  brand: { color: '#4f46e5', fontSize: 14, fontWeight: 700, letterSpacing: 1, margin: '0 0 16px' },
  heading: { fontSize: 20, lineHeight: '28px', margin: '0 0 16px' },
  text: { fontSize: 15, lineHeight: '22px', margin: '0 0 12px' },
  muted: { color: '#6b7280', fontSize: 13, lineHeight: '20px', margin: '0 0 8px' },
  button: { backgroundColor: '#4f46e5', borderRadius: 6, color: '#ffffff', fontSize: 15, fontWeight: 600, padding: '10px 18px', textDecoration: 'none' },
  cell: { borderBottom: '1px solid #e5e7eb', fontSize: 14, padding: '6px 8px', textAlign: 'left' as const, verticalAlign: 'top' as const },
  th: { borderBottom: '2px solid #d1d5db', fontSize: 13, padding: '6px 8px', textAlign: 'left' as const },
}

export function Layout(props: { preview: string; heading: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>ACCORD</Text>
          <Heading as="h1" style={styles.heading}>
            {props.heading}
          </Heading>
          {props.children}
          <Hr />
          {props.footer ?? null}
        </Container>
      </Body>
    </Html>
  )
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={styles.text}>{children}</Text>
}

export function Muted({ children }: { children: ReactNode }) {
  return <Text style={styles.muted}>{children}</Text>
}

export function Action({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Section style={{ margin: '20px 0' }}>
      <Button href={href} style={styles.button}>
        {children}
      </Button>
    </Section>
  )
}

/** The footer of every message a user can turn off: where to change that. */
export function PreferencesFooter({ appUrl }: { appUrl: string }) {
  return (
    <Muted>
      You receive this because of your notification settings in Accord. Change them at{' '}
      <Link href={`${appUrl}/account/notifications`}>{`${appUrl}/account/notifications`}</Link>.
    </Muted>
  )
}

export const formatInstant = (d: Date, timeZone = 'UTC') =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone, timeZoneName: 'short' }).format(d)

export const formatDay = (d: Date, timeZone = 'UTC') => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone }).format(d)
