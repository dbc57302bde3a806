/**
 * next-auth configuration: credentials (email + password) with JWT sessions.
 * HIPAA automatic logoff: the session cookie and JWT expire SESSION_IDLE_TIMEOUT after the last activity
 * (the client refreshes it while the user is active, see SessionKeepAlive), and the token is refused
 * SESSION_MAX_AGE after login however active the user is.
 */
import type { NextAuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import { env } from '../env'
import { authenticate } from './login'

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: 'jwt', maxAge: env.SESSION_IDLE_TIMEOUT, updateAge: 0 },
  jwt: { maxAge: env.SESSION_IDLE_TIMEOUT },
  pages: { signIn: '/login', error: '/login' },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        const headers = new Headers(
          Object.entries(req?.headers ?? {}).flatMap(([k, v]) =>
            typeof v === 'string' ? [[k, v] as [string, string]] : [],
          ),
        )
        const user = await authenticate(credentials?.email ?? '', credentials?.password ?? '', clientIp(headers))
        return user ? { id: user.id, email: user.email, name: user.name } : null
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id
        token.loginAt = Math.floor(Date.now() / 1000)
      }
      return token
    },
    async session({ session, token }) {
      return { ...session, uid: token.uid, loginAt: token.loginAt }
    },
  },
}

export function clientIp(headers: Headers): string {
  const fwd = headers.get('x-forwarded-for')
  return (fwd?.split(',')[0] ?? headers.get('x-real-ip') ?? '').trim() || 'unknown'
}
