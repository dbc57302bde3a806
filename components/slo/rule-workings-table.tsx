import type { ViolationWorkings } from '@/lib/slo/types'
import { formatNumber } from '@/lib/format'
import { formatBurnRate, formatFactor } from '@/lib/slo/display'
import { OUTCOME_WORDS, ruleName, ruleOutcome, ruleSentence, WINDOW_WORDS } from '@/lib/slo/workings-words'
import { Badge } from '@/components/ui/badge'
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table'

const OUTCOME_TONE = { fired: 'breached', held_back: 'at-risk', quiet: 'neutral' } as const
const OUTCOME_ICON = { fired: 'bell', held_back: 'alert', quiet: 'minus' } as const

/**
 * Every alert rule's decision with the numbers it used: burn rate per window against the rule's threshold,
 * the events the low-traffic guard counted, and the outcome in words.
 */
export function RuleWorkingsTable({ workings, caption }: { workings: ViolationWorkings; caption: string }) {
  return (
    <Table caption={caption}>
      <THead>
        <Tr>
          <Th>Rule</Th>
          <Th numeric>Long window</Th>
          <Th numeric>Short window</Th>
          <Th numeric>Threshold</Th>
          <Th numeric>Events (long)</Th>
          <Th>Decision</Th>
        </Tr>
      </THead>
      <TBody>
        {workings.rules.map((r) => {
          const outcome = ruleOutcome(r)
          return (
            <Tr key={r.rule} className="align-top">
              <Td className="font-medium">{ruleName(r.rule)}</Td>
              <Td numeric>
                {formatBurnRate(r.longBurnRate)}
                <span className="block text-xs text-ink-muted">over {WINDOW_WORDS[r.longWindow]}</span>
              </Td>
              <Td numeric>
                {formatBurnRate(r.shortBurnRate)}
                <span className="block text-xs text-ink-muted">over {WINDOW_WORDS[r.shortWindow]}</span>
              </Td>
              <Td numeric>{formatFactor(r.threshold)}</Td>
              <Td numeric>
                {formatNumber(r.longEvents)}
                <span className="block text-xs text-ink-muted">guard: {formatNumber(r.minEvents)}</span>
              </Td>
              <Td className="min-w-72">
                <Badge tone={OUTCOME_TONE[outcome]} icon={OUTCOME_ICON[outcome]}>
                  {OUTCOME_WORDS[outcome]}
                </Badge>
                <p className="mt-1 text-xs text-ink-muted">{ruleSentence(r)}</p>
              </Td>
            </Tr>
          )
        })}
      </TBody>
    </Table>
  )
}
