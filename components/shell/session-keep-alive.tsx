'use client'

import { useEffect, useRef } from 'react'
import { useRouter } from 'next/navigation'

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const

/**
 * HIPAA automatic logoff, client half. The session cookie expires `idleSeconds` after its last refresh;
 * while the person is active this refreshes it (at most every third of the timeout), and once they have
 * been inactive for the whole timeout it leaves for the login page. Reading a page is not activity:
 * only input is, so an unattended screen signs out.
 */
export function SessionKeepAlive({ idleSeconds }: { idleSeconds: number }) {
  const router = useRouter()
  const lastActivity = useRef(0)
  const lastRefresh = useRef(0)

  useEffect(() => {
    const now = Date.now()
    lastActivity.current = now
    lastRefresh.current = now
    const refreshEvery = Math.max(2_000, (idleSeconds * 1000) / 3)

    // Leaving the cockpit layout unmounts its query cache, so no clinical data stays in memory.
    let leaving = false
    const signOut = () => {
      if (leaving) return
      leaving = true
      router.replace('/login?reason=idle')
    }
    const refresh = () => {
      lastRefresh.current = Date.now()
      fetch('/api/auth/session', { cache: 'no-store' })
        .then((r) => r.json())
        .then((s: Record<string, unknown>) => {
          if (!s || !('uid' in s)) signOut()
        })
        .catch(() => {})
    }
    const onActivity = () => {
      lastActivity.current = Date.now()
      if (lastActivity.current - lastRefresh.current > refreshEvery) refresh()
    }
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, onActivity, { passive: true })
    const timer = window.setInterval(() => {
      if (Date.now() - lastActivity.current >= idleSeconds * 1000) signOut()
    }, 1_000)
    return () => {
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, onActivity)
      window.clearInterval(timer)
    }
  }, [idleSeconds, router])

  return null
}
