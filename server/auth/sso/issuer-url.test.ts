import { describe, expect, it } from 'vitest'
import { issuerUrlProblem } from './issuer-url.ts'

describe('issuerUrlProblem', () => {
  it('accepts https anywhere', () => {
    expect(issuerUrlProblem('https://login.microsoftonline.com/abc/v2.0', 'production')).toBeNull()
    expect(issuerUrlProblem('https://accounts.google.com', 'test')).toBeNull()
  })
  it('accepts http to loopback only outside production', () => {
    expect(issuerUrlProblem('http://127.0.0.1:4000', 'test')).toBeNull()
    expect(issuerUrlProblem('http://localhost:4000', 'development')).toBeNull()
    expect(issuerUrlProblem('http://127.0.0.1:4000', 'production')).toMatch(/https/)
    expect(issuerUrlProblem('http://10.0.0.5', 'test')).toMatch(/https/)
    expect(issuerUrlProblem('http://169.254.169.254/latest', 'development')).toMatch(/https/)
  })
  it('refuses credentials, queries, fragments and other schemes', () => {
    expect(issuerUrlProblem('https://u:p@idp.example', 'test')).toMatch(/user name/)
    expect(issuerUrlProblem('https://idp.example/?x=1', 'test')).toMatch(/query/)
    expect(issuerUrlProblem('file:///etc/passwd', 'test')).toMatch(/https/)
    expect(issuerUrlProblem('not a url', 'test')).toMatch(/full URL/)
  })
})
