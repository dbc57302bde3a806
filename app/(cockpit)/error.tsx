'use client'

export default function CockpitError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-lg border border-red-200 bg-red-50 p-6">
      <h1 className="text-lg font-semibold text-red-900">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-red-900">
        Something went wrong on the server{error.digest ? ` (reference ${error.digest})` : ''}. If the database was
        briefly unavailable, trying again usually works.
      </p>
      <button type="button" onClick={reset} className="mt-4 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-red-900 ring-1 ring-red-300 hover:bg-red-100">
        Try again
      </button>
    </div>
  )
}
