'use client'

import { checkProbeNowAction, deleteProbeAction, setProbeEnabledAction } from '@/lib/probes/actions'
import { RowControls } from '@/components/ui/row-controls'

/** Check now (the result is shown here), edit, pause/resume, delete (asks once). */
export function ProbeControls({ id, name, enabled }: { id: string; name: string; enabled: boolean }) {
  return (
    <RowControls
      name={name}
      run={{ label: 'Check now', pendingLabel: 'Checking…', srSuffix: ` ${name}`, action: () => checkProbeNowAction({ id }) }}
      editHref={`/incidents/probes?edit=${id}#probe-form`}
      toggle={{ label: enabled ? 'Pause' : 'Resume', action: () => setProbeEnabledAction({ id, enabled: !enabled }) }}
      remove={{
        title: `Delete the probe “${name}”?`,
        description:
          'Its results are deleted with it, and availability figures built on them lose that history. An open incident stays open. The change is recorded in the audit log.',
        confirmLabel: 'Delete probe',
        action: () => deleteProbeAction({ id }),
      }}
    />
  )
}
