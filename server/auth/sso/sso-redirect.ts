/** The one redirect (callback) URI of this deployment, registered at every identity provider. */
export const ssoRedirectUri = (appUrl: string) => `${appUrl.replace(/\/$/, '')}/auth/sso/callback`
