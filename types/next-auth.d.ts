import 'next-auth'
import 'next-auth/jwt'

declare module 'next-auth' {
  interface Session {
    uid?: string
    loginAt?: number
    /** The user's session version at sign-in; a newer one in the database ends this session. */
    sv?: number
  }

  interface User {
    sessionVersion?: number
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string
    loginAt?: number
    sv?: number
  }
}
