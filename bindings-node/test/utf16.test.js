'use strict'
// Positions count UTF-16 code units, as JavaScript strings and editors (LSP) do: for text
// with accents (one unit each) and with characters beyond the BMP (two units each).

const test = require('node:test')
const assert = require('node:assert/strict')

const { check, fix, parse } = require('..')

const TEXT = [
  '# Größe: 😀 sparen 🐳',
  'FROM debian:12',
  'LABEL description="naïve 🐳 image" maintainer="José"',
  'RUN echo "🚀 déjà" && apt-get update && apt-get install -y curl',
  '',
].join('\n')

/** Line and column (1-based, UTF-16 units) of a string offset. */
function position(text, offset) {
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: before.at(-1).length + 1 }
}

test('spans are string indices: text.slice(span) is the flagged text', () => {
  const found = check(TEXT)
  assert.ok(found.length >= 2)
  const apt = found.find((d) => d.code === 'DL3009')
  assert.equal(TEXT.slice(apt.span[0], apt.span[1]), 'apt-get install -y curl')
  assert.equal(apt.span[0], TEXT.indexOf('apt-get install'))
  for (const d of found) {
    assert.deepEqual(d.range.start, position(TEXT, d.span[0]), d.code)
    assert.deepEqual(d.range.end, position(TEXT, d.span[1]), d.code)
  }
  // Line 4 has `🚀` (two units) and `é`, `à` (one each) before the flagged text.
  const line4 = TEXT.split('\n')[3]
  assert.equal(apt.range.start.column, line4.indexOf('apt-get install') + 1)
  assert.equal(apt.range.start.column, [...line4.slice(0, line4.indexOf('apt-get install'))].length + 2, 'one more than code points')
})

test('fix edits apply by string index', () => {
  const apt = check(TEXT).find((d) => d.code === 'DL3015')
  let text = TEXT
  for (const edit of [...apt.fix.edits].reverse()) {
    text = text.slice(0, edit.span[0]) + edit.content + text.slice(edit.span[1])
  }
  assert.equal(text, fix(TEXT, { unsafe: true, only: ['DL3015'] }).text)
  assert.match(text, /apt-get install --no-install-recommends -y ca-certificates curl/)
  // Positions of what remains refer to the rewritten text.
  const result = fix(TEXT, { unsafe: true })
  for (const d of result.remaining) assert.deepEqual(d.range.start, position(result.text, d.span[0]), d.code)
})

test('parse items tile the string and instruction spans slice it', () => {
  const view = parse(TEXT)
  assert.equal(view.items[0].start, 0)
  for (let i = 1; i < view.items.length; i++) assert.equal(view.items[i].start, view.items[i - 1].end)
  assert.equal(view.items.at(-1).end, TEXT.length)
  for (const inst of view.instructions) {
    assert.equal(TEXT.slice(inst.span[0], inst.span[1]), inst.original, inst.original)
  }
  const label = view.instructions.find((i) => i.cmd === 'LABEL')
  // BuildKit's node values for LABEL: key, value, `=`, for each pair.
  assert.deepEqual(label.value, ['description', '"naïve 🐳 image"', '=', 'maintainer', '"José"', '='])
})

test('parse problems count UTF-16 units', () => {
  const text = 'FROM alpine\nRUN echo 😀😀 && echo\nBOGÜS 🐳\n'
  const [warning] = parse(text).warnings
  assert.equal(warning.kind, 'unknown-instruction')
  assert.equal(text.slice(warning.span[0], warning.span[1]).startsWith('BOGÜS'), true)
  assert.deepEqual({ line: warning.line, column: warning.column }, position(text, warning.span[0]))
})

test('a byte-order mark and CRLF line ends count as the string does', () => {
  const text = '\uFEFFFROM debian:12\r\nRUN apt-get update && apt-get install -y curl # 😀\r\n'
  const apt = check(text).find((d) => d.code === 'DL3009')
  assert.equal(text.slice(apt.span[0], apt.span[1]), 'apt-get install -y curl')
  assert.deepEqual(apt.range.start, { line: 2, column: 23 })
})

test('offsets past 65,535 units come back whole', () => {
  const text = `# ${'é'.repeat(70000)}\n# 😀\nFROM debian:12\nRUN apt-get update && apt-get install -y curl\n`
  const apt = check(text).find((d) => d.code === 'DL3009')
  assert.ok(apt.span[0] > 70000)
  assert.equal(text.slice(apt.span[0], apt.span[1]), 'apt-get install -y curl')
  assert.deepEqual(apt.range.start, { line: 4, column: 23 })
  const view = parse(text)
  assert.equal(view.items.at(-1).end, text.length)
})
