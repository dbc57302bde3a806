'use client'

import { useState, type FormEvent } from 'react'
import { useRouter, useSearchParams } from 'next/navigation'
import { safeCallbackPath } from '@/lib/auth/redirect'

type Status = { kind: 'idle' } | { kind: 'pending' } | { kind: 'error'; message: string }

const REASONS: Record<string, string> = {
  idle: 'You were signed out after a period of inactivity.',
  expired: 'Your session reached its maximum length. Please sign in again.',
}

/** Posts to next-auth's credentials callback itself, so a 429 from login throttling can be shown in words. */
export function LoginForm() {
  const router = useRouter()
  const params = useSearchParams()
  const [status, setStatus] = useState<Status>({ kind: 'idle' })
  const reason = REASONS[params.get('reason') ?? '']

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    setStatus({ kind: 'pending' })
    try {
      const { csrfToken } = (await (await fetch('/api/auth/csrf')).json()) as { csrfToken: string }
      const body = new URLSearchParams({
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        csrfToken,
        json: 'true',
      })
      const res = await fetch('/api/auth/callback/credentials', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Auth-Return-Redirect': '1' },
        body,
      })
      if (res.status === 503) {
        setStatus({ kind: 'error', message: 'Wardroom is busy signing other people in. Try again in a few seconds.' })
        return
      }
      if (res.status === 429) {
        const retry = Number(res.headers.get('retry-after') ?? '0')
        const minutes = Math.max(1, Math.ceil(retry / 60))
        // A few seconds: other sign-ins from the same address were still being checked.
        const message =
          retry < 30
            ? 'Too many sign-ins at once from your network. Try again in a few seconds.'
            : `Too many failed attempts. Try again in about ${minutes} minute${minutes === 1 ? '' : 's'}.`
        setStatus({ kind: 'error', message })
        return
      }
      const data = (await res.json().catch(() => ({}))) as { url?: string }
      const error = data.url ? new URL(data.url, window.location.origin).searchParams.get('error') : 'unknown'
      if (!res.ok || error) {
        setStatus({ kind: 'error', message: 'That email and password do not match an active account.' })
        return
      }
      router.replace(safeCallbackPath(params.get('callbackUrl'), window.location.origin))
      router.refresh()
    } catch {
      setStatus({ kind: 'error', message: 'Wardroom could not be reached. Check your connection and try again.' })
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate={false}>
      {reason && (
        <p role="status" className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900">
          {reason}
        </p>
      )}
      <div className="space-y-1.5">
        <label htmlFor="email" className="block text-sm font-medium text-slate-800">
          Work email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-xs focus:border-teal-600 focus:outline-2 focus:outline-teal-600"
        />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="password" className="block text-sm font-medium text-slate-800">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-xs focus:border-teal-600 focus:outline-2 focus:outline-teal-600"
        />
      </div>
      <div aria-live="assertive" className="min-h-5">
        {status.kind === 'error' && (
          <p role="alert" className="text-sm font-medium text-red-700">
            {status.message}
          </p>
        )}
      </div>
      <button
        type="submit"
        disabled={status.kind === 'pending'}
        className="flex w-full items-center justify-center rounded-md bg-teal-700 px-4 py-2.5 text-sm font-semibold text-white hover:bg-teal-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-700 disabled:opacity-60"
      >
        {status.kind === 'pending' ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  )
}
