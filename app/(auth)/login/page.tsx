import type { Metadata } from 'next'
import { Suspense } from 'react'
import { redirect } from 'next/navigation'
import { getSessionUser } from '@/lib/auth/session'
import { LoginForm } from '@/components/auth/login-form'

// The root layout's template adds " · Wardroom".
export const metadata: Metadata = { title: 'Sign in' }

export default async function LoginPage() {
  if (await getSessionUser()) redirect('/')
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <div className="mx-auto mb-3 flex h-11 w-11 items-center justify-center rounded-lg bg-teal-700 text-lg font-bold text-white" aria-hidden="true">
            W
          </div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Sign in to Wardroom</h1>
          <p className="mt-1 text-sm text-slate-600">Operations cockpit for clinical AI</p>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <Suspense>
            <LoginForm />
          </Suspense>
        </div>
        <p className="mt-6 text-center text-xs text-slate-500">
          Sessions end after 15 minutes without activity. Access is audited.
        </p>
      </div>
    </main>
  )
}
