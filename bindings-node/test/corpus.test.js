'use strict'
// On every file of the sample corpus, what the package returns is what `slimfile check
// --format json FILE` prints for it (each element without `path`), key for key and in the
// same key order; offsets and columns converted to UTF-16 units for the files that are not
// ASCII. `checkFiles` returns the same. `parse` matches `slimfile parse --format json` on a
// spread of the files.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { check, checkFiles, parse, Context } = require('..')
const { sampleFiles, runCli } = require('./helpers')

const files = sampleFiles()
const texts = new Map(files.map((f) => [f, fs.readFileSync(f, 'utf8')]))

/** The CLI's findings by file, from one run over every file (each file's directory is its context). */
function cliFindings() {
  const byFile = new Map(files.map((f) => [f, []]))
  for (const { path: file, ...rest } of JSON.parse(runCli(['check', '--format', 'json', ...files]))) {
    byFile.get(file).push(rest)
  }
  return byFile
}

/** Converts UTF-8 byte offsets and character columns of `text` to UTF-16 units. */
function utf16Converter(text) {
  if (/^[\x00-\x7f]*$/.test(text)) return null
  const units = [0] // byte offset → UTF-16 offset, at character starts
  const lines = text.split('\n')
  let byte = 0
  let unit = 0
  for (const ch of text) {
    byte += Buffer.byteLength(ch)
    unit += ch.length
    units[byte] = unit
  }
  const offset = (b) => {
    assert.ok(units[b] !== undefined, `byte offset ${b} is not at a character start`)
    return units[b]
  }
  const column = (line, col) => [...lines[line - 1]].slice(0, col - 1).join('').length + 1
  const position = (p) => ({ line: p.line, column: column(p.line, p.column) })
  return (d) => ({
    ...d,
    range: { start: position(d.range.start), end: position(d.range.end) },
    span: d.span.map(offset),
    fix: d.fix && { ...d.fix, edits: d.fix.edits.map((e) => ({ ...e, span: e.span.map(offset) })) },
  })
}

/**
 * Equal, key order included, but where the CLI masked a credential character for character
 * with `*` (it never prints one; the package, as core, gives the text as it is).
 */
function sameButMasked(ours, printed) {
  if (typeof ours === 'string' && typeof printed === 'string') {
    const [a, b] = [[...ours], [...printed]]
    return a.length === b.length && a.every((c, i) => c === b[i] || b[i] === '*')
  }
  if (Array.isArray(ours) && Array.isArray(printed)) {
    return ours.length === printed.length && ours.every((x, i) => sameButMasked(x, printed[i]))
  }
  if (ours && printed && typeof ours === 'object' && typeof printed === 'object') {
    const keys = Object.keys(ours)
    return JSON.stringify(keys) === JSON.stringify(Object.keys(printed)) && keys.every((k) => sameButMasked(ours[k], printed[k]))
  }
  return ours === printed
}

/** `found` is `want`: the same JSON text, or the same but for the CLI's masks. */
function assertSameFindings(found, want, file) {
  const [ours, printed] = [JSON.stringify(found), JSON.stringify(want)]
  if (ours === printed) return false
  assert.ok(sameButMasked(found, want), `${file}\n${ours}\n${printed}`)
  return true
}

/** What the package must return for `file`: the CLI's, in UTF-16 units. */
function expected(file, found) {
  const convert = utf16Converter(texts.get(file))
  return convert ? found.map(convert) : found
}

test('check equals the CLI on every file of the sample', () => {
  assert.ok(files.length >= 4000, `the sample has ${files.length} files`)
  const cli = cliFindings()
  const contexts = new Map()
  let compared = 0
  let nonAscii = 0
  let masked = 0
  for (const file of files) {
    const dir = path.dirname(file)
    if (!contexts.has(dir)) contexts.set(dir, Context.fromDir(dir))
    const found = check(texts.get(file), { context: contexts.get(dir) })
    const want = expected(file, cli.get(file))
    // The same JSON text: the same keys, values and key order.
    if (assertSameFindings(found, want, file)) masked++
    compared += found.length
    if (utf16Converter(texts.get(file))) nonAscii++
  }
  assert.ok(compared > 10000, `${compared} findings compared`)
  assert.ok(nonAscii > 100, `${nonAscii} files with non-ASCII text`)
  assert.ok(masked < 40, `${masked} files with masked credentials`)
})

test('checkFiles equals the CLI on every file of the sample', async () => {
  const cli = cliFindings()
  const reports = await checkFiles(files)
  assert.equal(reports.length, files.length)
  reports.forEach((report, i) => {
    assert.equal(report.path, files[i])
    assert.equal(report.error, undefined, report.error)
    assertSameFindings(report.diagnostics, expected(files[i], cli.get(files[i])), files[i])
  })
})

test('parse equals `slimfile parse --format json` on a spread of the sample', () => {
  // One process per file: every 25th file, and every file with text beyond ASCII.
  const chosen = files.filter((f, i) => i % 25 === 0 || utf16Converter(texts.get(f)))
  for (const file of chosen) {
    const { path: _, ...want } = JSON.parse(runCli(['parse', '--format', 'json', file]))
    const got = parse(texts.get(file))
    const convert = utf16Converter(texts.get(file))
    if (!convert) {
      assert.equal(JSON.stringify(got), JSON.stringify(want), file)
      continue
    }
    // Offsets in UTF-16 units: the same items and instructions, with spans converted.
    const text = texts.get(file)
    const toUnits = (b) => Buffer.from(text).subarray(0, b).toString('utf8').length
    assert.deepEqual(got.items, want.items.map((i) => ({ ...i, start: toUnits(i.start), end: toUnits(i.end) })), file)
    assert.deepEqual(got.instructions, want.instructions.map((i) => ({ ...i, span: i.span.map(toUnits) })), file)
    assert.deepEqual(got.errors.map((e) => e.message), want.errors.map((e) => e.message), file)
    assert.deepEqual(got.warnings.map((e) => e.message), want.warnings.map((e) => e.message), file)
  }
})
