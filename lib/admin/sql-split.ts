/**
 * Splits a stream of SQL text into statements, honouring '…' and E'…' strings, "…" identifiers,
 * $tag$…$tag$ bodies and -- / nested block comments, so a ';' inside data or a function body never ends a
 * statement. Input arrives in chunks (a backup can exceed the largest JS string); a little text is held
 * back at each chunk's end so that a token split across chunks (`''`, `--`, `$tag$`) is read whole.
 */

type Mode = 'code' | 'single' | 'estring' | 'double' | 'dollar' | 'line-comment' | 'block-comment'

// Longer than any dollar-quote tag (identifiers are at most 63 bytes) plus its two '$'.
const LOOKAHEAD = 160
const IDENT_CHAR = /[A-Za-z0-9_$\u0080-\uFFFF]/
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uFFFF][A-Za-z0-9_\u0080-\uFFFF]*)?\$/y

export class SqlSplitError extends Error {}

export class SqlSplitter {
  private buf = ''
  private pos = 0
  private mode: Mode = 'code'
  private tag = ''
  private depth = 0
  private hasCode = false

  /** Feeds a chunk; returns the statements it completed (each ending with ';'). */
  push(chunk: string): string[] {
    this.buf += chunk
    return this.scan(false)
  }

  /** Ends the input; returns the remaining statements (a last one may lack its ';'). */
  end(): string[] {
    const out = this.scan(true)
    if (this.mode === 'single' || this.mode === 'estring') throw new SqlSplitError('The SQL ends inside a quoted string')
    if (this.mode === 'double') throw new SqlSplitError('The SQL ends inside a quoted identifier')
    if (this.mode === 'dollar') throw new SqlSplitError(`The SQL ends inside a ${this.tag}-quoted body`)
    if (this.mode === 'block-comment') throw new SqlSplitError('The SQL ends inside a block comment')
    if (this.hasCode) out.push(this.buf.trim())
    this.buf = ''
    this.pos = 0
    this.hasCode = false
    this.mode = 'code'
    return out
  }

  private scan(final: boolean): string[] {
    const out: string[] = []
    const buf = this.buf
    const limit = final ? buf.length : buf.length - LOOKAHEAD
    let start = 0
    let i = this.pos
    while (i < limit) {
      const c = buf[i]!
      switch (this.mode) {
        case 'code':
          if (c === ';') {
            if (this.hasCode) out.push(buf.slice(start, i + 1).trim())
            this.hasCode = false
            start = i + 1
          } else if (c === "'") {
            this.mode = (buf[i - 1] === 'E' || buf[i - 1] === 'e') && !IDENT_CHAR.test(buf[i - 2] ?? ' ') ? 'estring' : 'single'
            this.hasCode = true
          } else if (c === '"') {
            this.mode = 'double'
            this.hasCode = true
          } else if (c === '-' && buf[i + 1] === '-') {
            this.mode = 'line-comment'
            i++
          } else if (c === '/' && buf[i + 1] === '*') {
            this.mode = 'block-comment'
            this.depth = 1
            i++
          } else if (c === '$' && !IDENT_CHAR.test(buf[i - 1] ?? ' ')) {
            DOLLAR_TAG.lastIndex = i
            const m = DOLLAR_TAG.exec(buf)
            if (m) {
              this.mode = 'dollar'
              this.tag = m[0]
              i += m[0].length - 1
            }
            this.hasCode = true
          } else if (c === '\\') {
            throw new SqlSplitError('psql meta-commands (lines starting with \\) are not supported here; restore such a file with psql')
          } else if (c !== ' ' && c !== '\n' && c !== '\t' && c !== '\r') {
            this.hasCode = true
          }
          i++
          break
        case 'single': {
          // Data literals dominate a backup: jump to the next quote instead of stepping through the text.
          const j = buf.indexOf("'", i)
          if (j === -1) i = buf.length
          else if (!final && j + 1 >= buf.length) i = j // is it a doubled quote? ask again with more text
          else if (buf[j + 1] === "'") i = j + 2
          else {
            this.mode = 'code'
            i = j + 1
          }
          break
        }
        case 'estring':
          if (c === '\\') i += 2
          else if (c === "'" && buf[i + 1] === "'") i += 2
          else {
            if (c === "'") this.mode = 'code'
            i++
          }
          break
        case 'double':
          if (c === '"' && buf[i + 1] === '"') i += 2
          else {
            if (c === '"') this.mode = 'code'
            i++
          }
          break
        case 'dollar': {
          const j = buf.indexOf(this.tag, i)
          if (j === -1) {
            // The closing tag may straddle the chunk boundary: resume where it could begin.
            i = final ? buf.length : Math.max(i, buf.length - this.tag.length + 1)
            break
          }
          this.mode = 'code'
          i = j + this.tag.length
          break
        }
        case 'line-comment':
          if (c === '\n') this.mode = 'code'
          i++
          break
        case 'block-comment':
          if (c === '/' && buf[i + 1] === '*') {
            this.depth++
            i += 2
          } else if (c === '*' && buf[i + 1] === '/') {
            if (--this.depth === 0) this.mode = 'code'
            i += 2
          } else i++
          break
      }
    }
    this.buf = buf.slice(start)
    this.pos = Math.max(0, i - start)
    return out
  }
}

/** Splits a whole SQL text into statements. */
export function splitSql(sql: string): string[] {
  const s = new SqlSplitter()
  return [...s.push(sql), ...s.end()]
}

/** The statement without the comments and blank lines before it. */
export function stripLeadingComments(statement: string): string {
  return statement.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/, '')
}

/** BEGIN / START TRANSACTION / COMMIT / END / ROLLBACK: the restore runs the file in its own transaction. */
export function isTransactionControl(statement: string): boolean {
  return /^(?:BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT)\b[^;]*;?$/i.test(stripLeadingComments(statement).trim()) &&
    !/^BEGIN\s+ATOMIC\b/i.test(stripLeadingComments(statement).trim())
}
