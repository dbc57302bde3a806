'use client'

import { deleteChannelAction, sendTestMessageAction, setChannelEnabledAction } from '@/lib/notifications/actions'
import { RowControls } from '@/components/ui/row-controls'

export interface ChannelControlsProps {
  id: string
  name: string
  enabled: boolean
}

/** Send a test message (the result is shown here), edit, enable/disable, delete (asks once). */
export function ChannelControls({ id, name, enabled }: ChannelControlsProps) {
  return (
    <RowControls
      name={name}
      run={{ label: 'Send test message', pendingLabel: 'Sending…', srSuffix: ` to ${name}`, action: () => sendTestMessageAction({ id }) }}
      editHref={`/admin/channels?edit=${id}#channel-form`}
      toggle={{ label: enabled ? 'Disable' : 'Enable', action: () => setChannelEnabledAction({ id, enabled: !enabled }) }}
      remove={{
        title: `Delete the channel “${name}”?`,
        description: 'Messages still waiting for it are dropped. The change is recorded in the audit log; the channel can be added again.',
        confirmLabel: 'Delete channel',
        action: () => deleteChannelAction({ id }),
      }}
    />
  )
}
