import Link from 'next/link'
import { headers } from 'next/headers'
import { PATHNAME_HEADER, pageRecord } from '@/lib/page-access'
import { PAGE_NOT_FOUND, RECORD_NOT_FOUND } from '@/components/shell/not-found-words'

/** The 404 page; for an unknown incident, flag, experiment, SLO or report it names what was not found. */
export default async function NotFound() {
  const pathname = (await headers()).get(PATHNAME_HEADER)
  const record = pathname ? pageRecord(pathname) : null
  const words = record ? RECORD_NOT_FOUND[record.kind] : PAGE_NOT_FOUND
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-semibold text-slate-500">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">{words.title}</h1>
      <p className="mt-3 text-slate-600">{words.body}</p>
      <Link href={words.back.href} className="mt-6 inline-block rounded-md bg-teal-700 px-4 py-2 text-sm font-semibold text-white hover:bg-teal-800">
        {words.back.label}
      </Link>
    </main>
  )
}
