/**
 * Where a value sits in a YAML file: a path inside one parsed object (a document, or an item of a
 * document that is a list) to its line, for error messages that say "line 12, spec.objectives[0].target".
 * Pure; wraps the `yaml` package's node ranges and LineCounter.
 */
import { isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml'

export type Segment = string | number

/** One object of the file: the document it is in and its path there (empty, or [index] in a list document). */
export interface Located {
  doc: Document
  base: Segment[]
  lines: LineCounter
}

export interface OpenSloIssue {
  /** 1-based line, or null when the file gives no position (e.g. an empty file). */
  line: number | null
  /** The field, as `spec.objectives[0].target` (with `[i].` first for an item of a list document). */
  path: string
  message: string
}

function lineOfNode(node: unknown, lines: LineCounter): number | null {
  const range = (node as { range?: [number, number, number] } | null)?.range
  return range ? lines.linePos(range[0]).line : null
}

/**
 * The line of the deepest node on `path` that exists: the key's line for a map entry (so a nested value
 * points at its key), the item's for a list entry. A missing field points at its parent.
 */
export function lineAt(at: Located, path: readonly Segment[]): number | null {
  let node: unknown = at.doc.contents
  let line = lineOfNode(node, at.lines)
  for (const seg of [...at.base, ...path]) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value === seg : p.key === seg))
      if (!pair) break
      line = lineOfNode(pair.key, at.lines) ?? line
      node = pair.value
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg]
      if (item === undefined) break
      line = lineOfNode(item, at.lines) ?? line
      node = item
    } else {
      break
    }
  }
  return line
}

export function pathWords(base: readonly Segment[], path: readonly Segment[]): string {
  let out = ''
  for (const seg of [...base, ...path]) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg
  return out || '(file)'
}

export function issueAt(at: Located, path: readonly Segment[], message: string): OpenSloIssue {
  return { line: lineAt(at, path), path: pathWords(at.base, path), message }
}

/** "line 12, spec.objectives[0].target: Use a target of at most 100 %" */
export function formatIssue(issue: OpenSloIssue): string {
  return `${issue.line === null ? '' : `line ${issue.line}, `}${issue.path}: ${issue.message}`
}
