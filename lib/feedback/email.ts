/**
 * E-mail intake: an inbound message (raw MIME, as a mail provider's inbound webhook or a relay posts it)
 * becomes the guide's feedback payload with `source: email`. What is read: the subject and the text of the
 * message without quoted replies and signature; a subject tag such as "[safety]" for the type, else the
 * words; the sender's address, which becomes the reporter's pseudonym in submitFeedback (never stored);
 * a plus tag of the address it was sent to (feedback+emergency@…) as the department; the Message-ID as
 * the idempotency key, so a provider's retry never makes a second item. Attachments are not kept (a
 * screenshot from a ward is as likely as not to show a patient). Automatic replies are ignored, so an
 * out-of-office answer to a notification never becomes a report (nor a mail loop).
 */
import { createHash } from 'node:crypto'
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser'
import { MAX_DESCRIPTION, type SubmitFeedbackInput } from './schema'

export type EmailIntake = { kind: 'feedback'; input: SubmitFeedbackInput; attachments: number } | { kind: 'ignored'; reason: string }

type FeedbackKind = 'bug' | 'suggestion' | 'clinical_safety' | 'praise'

const TAGS: Record<string, FeedbackKind> = {
  bug: 'bug',
  problem: 'bug',
  suggestion: 'suggestion',
  idea: 'suggestion',
  feature: 'suggestion',
  safety: 'clinical_safety',
  'clinical safety': 'clinical_safety',
  praise: 'praise',
  thanks: 'praise',
}
const TAG = /^\s*(?:(?:re|fwd?|aw|wg)\s*:\s*)*\[([a-z ]{3,20})\]\s*/i

/** The type a subject tag names, and the subject without it: "[Idea] Dark mode" → suggestion, "Dark mode". */
export function subjectTag(subject: string): { type: FeedbackKind | null; rest: string } {
  const m = TAG.exec(subject)
  const type = m ? (TAGS[m[1]!.trim().toLowerCase()] ?? null) : null
  return { type, rest: type ? subject.slice(m![0].length).trim() : subject.trim() }
}

const PRAISE = /\b(thank(s| you)|great (job|work|tool)|love (it|the)|well done|kudos|really helpful|brilliant)\b/i
const SUGGESTION = /\b(suggest(ion)?|would be (nice|great|helpful|useful)|could (you|we) (add|make|have)|please add|feature request|it would help|wish (it|we|there))\b/i
const PROBLEM = /\b(error|bug|broken|crash(es|ed)?|fails?|failed|wrong|slow|stuck|not working|doesn'?t work|cannot|can'?t)\b/i

/** Without a tag: praise and suggestion words name those types unless a problem is described too; else a bug. */
export function inferEmailType(text: string): FeedbackKind {
  const problem = PROBLEM.test(text)
  if (PRAISE.test(text) && !problem) return 'praise'
  if (SUGGESTION.test(text) && !problem) return 'suggestion'
  return 'bug'
}

const REPLY_HEADER = /^(on .{1,200}wrote:|-{2,} ?original message ?-{2,}|from: .+|_{10,})$/i

/** The new text of a message: quoted lines, the quoted original after "On … wrote:", and the signature removed. */
export function newTextOf(text: string): string {
  const out: string[] = []
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line === '-- ' || line === '--' || REPLY_HEADER.test(line.trim())) break
    if (/^\s*>/.test(line)) continue
    out.push(line)
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim()
}

/** "feedback+intensive-care@h.org" → "Intensive care"; none without a plus tag. */
export function departmentOf(addresses: readonly string[]): string | undefined {
  for (const a of addresses) {
    const m = /^[^+@\s]+\+([a-z0-9][a-z0-9._-]{0,60})@/i.exec(a)
    if (m) {
      const words = m[1]!.replace(/[._-]+/g, ' ').trim().toLowerCase()
      return words.charAt(0).toUpperCase() + words.slice(1)
    }
  }
  return undefined
}

/** Why a message is an automatic one (RFC 3834 Auto-Submitted, Precedence, the usual vendors' headers), or null. */
export function automaticReason(headers: ReadonlyMap<string, unknown>, subject: string): string | null {
  const h = (name: string) => String(headers.get(name) ?? '').toLowerCase()
  if (h('auto-submitted') && h('auto-submitted') !== 'no') return `Auto-Submitted: ${h('auto-submitted')}`
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(h('precedence'))) return `Precedence: ${h('precedence')}`
  if (headers.has('x-autoreply') || headers.has('x-autorespond') || h('x-auto-response-suppress').includes('all')) return 'an auto-responder header'
  if (/^(automatic reply|auto(matic)?[- ]?reply|out of (the )?office)\b/i.test(subject.trim())) return 'an automatic reply'
  return null
}

const addressesOf = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean)

/** The idempotency key of a message: its Message-ID, else its bytes, hashed (printable, 49 characters). */
export function emailKey(messageId: string | undefined, raw: Buffer): string {
  const h = createHash('sha256')
  h.update(messageId ? `mid:${messageId.trim().toLowerCase()}` : raw)
  return `email-${h.digest('base64url')}`
}

function truncated(text: string): string {
  return text.length <= MAX_DESCRIPTION ? text : `${text.slice(0, MAX_DESCRIPTION - 14).trimEnd()} … (truncated)`
}

/** Reads a raw message into the feedback payload (or says why it is ignored). Throws on no text at all. */
export async function readFeedbackEmail(raw: Buffer): Promise<EmailIntake> {
  const mail: ParsedMail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true })
  const subject = (mail.subject ?? '').replace(/\s+/g, ' ').trim()
  const automatic = automaticReason(mail.headers, subject)
  if (automatic) return { kind: 'ignored', reason: `Automatic message (${automatic}): not a report` }
  const tag = subjectTag(subject)
  const body = newTextOf(mail.text ?? '')
  const description = truncated([tag.rest, body].filter(Boolean).join('\n\n'))
  const from = addressesOf(mail.from)[0]?.toLowerCase()
  const department = departmentOf([...addressesOf(mail.to), ...addressesOf(mail.cc)])
  return {
    kind: 'feedback',
    attachments: mail.attachments.length,
    input: {
      type: tag.type ?? inferEmailType(description),
      description,
      source: 'email',
      idempotencyKey: emailKey(mail.messageId, raw),
      ...(from ? { userId: from } : {}),
      context: department ? { department } : {},
    },
  }
}
