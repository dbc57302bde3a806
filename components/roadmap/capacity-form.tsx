'use client'

import { useRouter } from 'next/navigation'
import { useState, type FormEvent } from 'react'
import { setCapacityAction } from '@/lib/roadmap/gate-actions'
import { Button } from '@/components/ui/button'
import { InputField } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { useActionForm } from '@/components/ui/use-action-form'

/** Sets a quarter's team capacity in person-weeks. */
export function CapacityForm({ quarter, capacity }: { quarter: string; capacity: number | null }) {
  const router = useRouter()
  const [value, setValue] = useState(capacity === null ? '' : String(capacity))
  const { state, pending, run, errors } = useActionForm(setCapacityAction)

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    run({ quarter, personWeeks: value }, () => router.refresh())
  }

  return (
    <form onSubmit={onSubmit} aria-label={`Capacity for ${quarter}`} className="flex flex-wrap items-end gap-2">
      <InputField label={`Capacity for ${quarter} (person-weeks)`} name="personWeeks" type="number" min={0} max={10000} step="0.5" required value={value} onChange={(e) => setValue(e.target.value)} error={errors.personWeeks ?? errors.quarter} className="w-72" />
      <Button type="submit" size="sm" loading={pending}>
        Save capacity
      </Button>
      <FormMessage state={state} className="basis-full" />
    </form>
  )
}
