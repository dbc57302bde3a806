import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { automaticReason, departmentOf, emailKey, inferEmailType, newTextOf, readFeedbackEmail, subjectTag } from './email'

const fixture = (name: string) => readFileSync(path.join(process.cwd(), 'test/fixtures/email', name))

describe('subjectTag', () => {
  it('reads a type tag after reply prefixes and leaves the rest of the subject', () => {
    expect(subjectTag('[Idea] Dark mode for night shifts')).toEqual({ type: 'suggestion', rest: 'Dark mode for night shifts' })
    expect(subjectTag('Re: Fwd: [SAFETY] Wrong patient banner')).toEqual({ type: 'clinical_safety', rest: 'Wrong patient banner' })
    expect(subjectTag('[thanks] triage score')).toEqual({ type: 'praise', rest: 'triage score' })
    // An unknown tag is part of the subject.
    expect(subjectTag('[ED] Slow screen')).toEqual({ type: null, rest: '[ED] Slow screen' })
  })
})

describe('inferEmailType', () => {
  it('praise and suggestions by their words unless a problem is described; a bug otherwise', () => {
    expect(inferEmailType('Thank you, the new triage score is really helpful')).toBe('praise')
    expect(inferEmailType('It would be great if the checker showed its source')).toBe('suggestion')
    expect(inferEmailType('Thanks, but the panel is broken again')).toBe('bug')
    expect(inferEmailType('The summary screen')).toBe('bug')
  })
})

describe('newTextOf', () => {
  it('drops quoted lines, the quoted original and the signature', () => {
    const text = ['Panel hangs.', '> quoted line', 'Second line.', '', 'On Sun, 6 Dec 2026 at 18:02, Wardroom <x@y> wrote:', '> old', 'more old'].join('\r\n')
    expect(newTextOf(text)).toBe('Panel hangs.\nSecond line.')
    expect(newTextOf('Body\n-- \nDr Who\nWard 4')).toBe('Body')
    expect(newTextOf('Body\n-----Original Message-----\nFrom: a')).toBe('Body')
  })
})

describe('departmentOf', () => {
  it('takes the plus tag of the first address that has one', () => {
    expect(departmentOf(['feedback@h.org', 'feedback+intensive-care@h.org'])).toBe('Intensive care')
    expect(departmentOf(['feedback+ED@h.org'])).toBe('Ed')
    expect(departmentOf(['feedback@h.org'])).toBeUndefined()
  })
})

describe('automaticReason', () => {
  it('knows RFC 3834, Precedence, vendor headers and out-of-office subjects', () => {
    expect(automaticReason(new Map([['auto-submitted', 'auto-replied']]), 'x')).toBe('Auto-Submitted: auto-replied')
    expect(automaticReason(new Map([['auto-submitted', 'no']]), 'Report')).toBeNull()
    expect(automaticReason(new Map([['precedence', 'bulk']]), 'x')).toBe('Precedence: bulk')
    expect(automaticReason(new Map([['x-autoreply', 'yes']]), 'x')).toBe('an auto-responder header')
    expect(automaticReason(new Map(), 'Out of Office: back Monday')).toBe('an automatic reply')
    expect(automaticReason(new Map(), 'Slow screen')).toBeNull()
  })
})

describe('emailKey', () => {
  it('is the Message-ID’s (case and spaces aside), else the bytes’', () => {
    const raw = Buffer.from('x')
    expect(emailKey('<A@b>', raw)).toBe(emailKey(' <a@B> ', Buffer.from('other')))
    expect(emailKey(undefined, raw)).not.toBe(emailKey(undefined, Buffer.from('y')))
    expect(emailKey('<a@b>', raw)).toMatch(/^email-[A-Za-z0-9_-]{43}$/)
  })
})

describe('readFeedbackEmail', () => {
  it('reads a multipart reply: tag, new text without quote or signature, sender, plus-tag department, key', async () => {
    const r = await readFeedbackEmail(fixture('ward-bug.eml'))
    expect(r.kind).toBe('feedback')
    if (r.kind !== 'feedback') return
    expect(r.attachments).toBe(1)
    expect(r.input).toMatchObject({ type: 'bug', source: 'email', userId: 'jane.smith@stmarys.example', context: { department: 'Emergency' }, idempotencyKey: emailKey('<CAF1x9-ward-bug-0001@mail.stmarys.example>', Buffer.alloc(0)) })
    expect(r.input.description).toMatch(/^AI suggestion panel hangs on the summary screen\n\nThe AI suggestion panel hangs for about 30 seconds when I open the summary of Harriet Okonkwo/)
    expect(r.input.description).not.toContain('Dr Jane Smith')
    expect(r.input.description).not.toContain('fixed in 4.2')
  })

  it('decodes a Latin-1 quoted-printable body', async () => {
    const r = await readFeedbackEmail(fixture('safety-latin1.eml'))
    if (r.kind !== 'feedback') throw new Error(r.reason)
    expect(r.input.description).toContain('wrong dose of 10 mg/kg')
    expect(r.input.description).toContain('Café déjà vu')
    expect(r.input.context).toEqual({})
  })

  it('takes the text of an HTML-only message and reads a suggestion', async () => {
    const r = await readFeedbackEmail(fixture('html-suggestion.eml'))
    if (r.kind !== 'feedback') throw new Error(r.reason)
    expect(r.input).toMatchObject({ type: 'suggestion', userId: 'pharmacist@stmarys.example', context: { department: 'Intensive care' } })
    expect(r.input.description.replace(/\s+/g, ' ')).toContain('show the source of each alert')
  })

  it('ignores an automatic reply', async () => {
    expect(await readFeedbackEmail(fixture('auto-reply.eml'))).toEqual({ kind: 'ignored', reason: 'Automatic message (Auto-Submitted: auto-replied): not a report' })
  })
})
