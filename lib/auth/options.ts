/**
 * next-auth configuration: credentials (email + password) with JWT sessions.
 * HIPAA automatic logoff: the session cookie and JWT expire SESSION_IDLE_TIMEOUT after the last activity
 * (the client refreshes it while the user is active, see SessionKeepAlive), and the token is refused
 * SESSION_MAX_AGE after login however active the user is. The token carries the user's session version;
 * once it is raised (password reset, role change, disable) the token no longer yields a session.
 */
import type { NextAuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import { env } from '../env'
import { clientIp } from '@/lib/client-ip'
import { authenticate } from './login'
import { safeCallbackPath } from './redirect'
import { sessionVersionIsCurrent } from './session-version'

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
        return user ? { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } : null
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        return { ...token, uid: user.id, loginAt: Math.floor(Date.now() / 1000), sv: user.sessionVersion }
      }
      // A revoked session: an empty token yields no uid, and SessionKeepAlive signs the browser out.
      if (token.uid && !(await sessionVersionIsCurrent(token.uid, token.sv))) return {}
      return token
    },
    async session({ session, token }) {
      return { ...session, uid: token.uid, loginAt: token.loginAt, sv: token.sv }
    },
    // next-auth's own redirects (sign-in and sign-out) stay on this site, by the same rule as the login form.
    async redirect({ url, baseUrl }) {
      return `${baseUrl}${safeCallbackPath(url, baseUrl)}`
    },
  },
}
