import 'next-auth'
import 'next-auth/jwt'

declare module 'next-auth' {
  interface Session {
    uid?: string
    loginAt?: number
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string
    loginAt?: number
  }
}
