import { createContext, useContext } from 'react'

// The per-request CSP nonce (server/http/security-headers.server.ts), handed from entry.server to the scripts
// Remix renders. In the browser it is empty: browsers hide a nonce from the page once it has been checked.
const NonceContext = createContext('')
export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)
