import type { RecordKind } from '@/lib/page-access'

export interface NotFoundWords {
  title: string
  body: string
  back: { href: string; label: string }
}

/** What the 404 page says for an unknown record, the same whether it renders in the shell or on its own. */
export const RECORD_NOT_FOUND: Record<RecordKind, NotFoundWords> = {
  incident: {
    title: 'No such incident',
    body: 'There is no incident at this address. Check the link, or find the incident on the board.',
    back: { href: '/incidents', label: 'All incidents' },
  },
  flag: {
    title: 'No such flag',
    body: 'There is no feature flag with this key. Check the link, or find the flag in the list.',
    back: { href: '/flags', label: 'All flags' },
  },
  experiment: {
    title: 'No such experiment',
    body: 'There is no experiment with this key. Check the link, or find the experiment in the list.',
    back: { href: '/flags/experiments', label: 'All experiments' },
  },
  slo: {
    title: 'No such objective',
    body: 'There is no service level objective with this key. It may have been renamed or removed.',
    back: { href: '/slo', label: 'All objectives' },
  },
  report: {
    title: 'No such report',
    body: 'There is no SLA report at this address. Reports are kept per period; the list shows every one that exists.',
    back: { href: '/slo/reports', label: 'All reports' },
  },
  service: {
    title: 'No such service',
    body: 'There is no service with this key in the catalogue. Check the link, or find the service in the list.',
    back: { href: '/services', label: 'All services' },
  },
  workflow: {
    title: 'No such workflow',
    body: 'There is no clinical workflow with this key. It may have been deleted; the analytics overview lists every workflow.',
    back: { href: '/analytics', label: 'Analytics overview' },
  },
  competitor: {
    title: 'No such competitor',
    body: 'There is no competitor with this key. It may have been renamed; the matrix lists every competitor.',
    back: { href: '/competitors', label: 'Competitor matrix' },
  },
  'competitor-cell': {
    title: 'No such cell',
    body: 'There is no competitor or capability with these keys. The matrix lists every cell.',
    back: { href: '/competitors', label: 'Competitor matrix' },
  },
  job: {
    title: 'No such job',
    body: 'There is no scheduled job with this name. The list shows every job this version of Wardroom runs.',
    back: { href: '/admin/jobs', label: 'All jobs' },
  },
  feedback: {
    title: 'No such feedback item',
    body: 'There is no feedback item at this address. Check the link, or find the item in the inbox.',
    back: { href: '/feedback', label: 'Feedback inbox' },
  },
  roadmap: {
    title: 'No such roadmap item',
    body: 'There is no roadmap item at this address. It may have been deleted; find the item on the board.',
    back: { href: '/roadmap', label: 'Roadmap' },
  },
  'roadmap-review': {
    title: 'No review for this quarter',
    body: 'No quarterly review is stored for this quarter. Reviews are stored on the first day of the next quarter; the list shows every one.',
    back: { href: '/roadmap/reviews', label: 'Quarterly reviews' },
  },
}

export const PAGE_NOT_FOUND: NotFoundWords = {
  title: 'Page not found',
  body: 'The page you asked for does not exist or has moved.',
  back: { href: '/', label: 'Back to the overview' },
}
