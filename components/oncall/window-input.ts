import { localInputToIso } from '@/components/ui/use-action-form'

/**
 * The interval fields that the maintenance and override forms share: the datetime-local inputs show the
 * viewer's wall clock and the server receives instants; the reason is optional.
 */
export function windowInput(data: FormData) {
  return {
    startsAt: localInputToIso(String(data.get('startsAt') ?? '')),
    endsAt: localInputToIso(String(data.get('endsAt') ?? '')),
    reason: data.get('reason'),
  }
}
