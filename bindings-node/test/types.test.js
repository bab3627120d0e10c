'use strict'
// index.d.ts tells the truth: every result, on real files, has exactly the properties its
// declared type lists, each of its declared type (read with the TypeScript compiler API).

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const ts = require('typescript')

const slimfile = require('..')
const { sampleFiles } = require('./helpers')

const dts = path.resolve(__dirname, '..', 'index.d.ts')
const program = ts.createProgram([dts], { strict: true, noEmit: true })
const checker = program.getTypeChecker()
const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(dts)))

/** The declared type of an export: an interface or type alias by name. */
function declared(name) {
  const symbol = exported.find((s) => s.name === name)
  assert.ok(symbol, `index.d.ts exports ${name}`)
  return checker.getDeclaredTypeOfSymbol(symbol)
}

/** Problems of `value` against `type`, with the path to them. */
function mismatches(value, type, where, out = []) {
  const fail = (what) => out.push(`${where}: ${what} is not ${checker.typeToString(type)}`)
  if (type.isUnion()) {
    const tries = type.types.map((t) => mismatches(value, t, where, []))
    if (tries.every((t) => t.length > 0)) out.push(...tries.sort((a, b) => a.length - b.length)[0])
    return out
  }
  const f = type.flags
  if (f & ts.TypeFlags.Null) return value === null ? out : (fail(JSON.stringify(value)), out)
  if (f & ts.TypeFlags.Undefined) return value === undefined ? out : (fail(JSON.stringify(value)), out)
  if (f & ts.TypeFlags.StringLiteral) return value === type.value ? out : (fail(JSON.stringify(value)), out)
  if (f & ts.TypeFlags.String) return typeof value === 'string' ? out : (fail(typeof value), out)
  if (f & ts.TypeFlags.Number) return Number.isFinite(value) ? out : (fail(String(value)), out)
  if (f & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) {
    if (f & ts.TypeFlags.BooleanLiteral) return value === (type.intrinsicName === 'true') ? out : (fail(String(value)), out)
    return typeof value === 'boolean' ? out : (fail(typeof value), out)
  }
  if (checker.isTupleType(type)) {
    const elements = checker.getTypeArguments(type)
    if (!Array.isArray(value) || value.length !== elements.length) return fail(JSON.stringify(value)), out
    value.forEach((v, i) => mismatches(v, elements[i], `${where}[${i}]`, out))
    return out
  }
  if (checker.isArrayType(type)) {
    if (!Array.isArray(value)) return fail(typeof value), out
    const [element] = checker.getTypeArguments(type)
    value.forEach((v, i) => mismatches(v, element, `${where}[${i}]`, out))
    return out
  }
  if (f & ts.TypeFlags.Object) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail(JSON.stringify(value)), out
    const index = checker.getIndexInfoOfType(type, ts.IndexKind.String)
    if (index) {
      for (const [k, v] of Object.entries(value)) mismatches(v, index.type, `${where}.${k}`, out)
      return out
    }
    const props = checker.getPropertiesOfType(type)
    const names = props.map((p) => p.name)
    for (const key of Object.keys(value)) if (!names.includes(key)) out.push(`${where}: undeclared property ${key}`)
    for (const p of props) {
      const optional = (p.flags & ts.SymbolFlags.Optional) !== 0
      if (!(p.name in value)) {
        if (!optional) out.push(`${where}: missing property ${p.name}`)
        continue
      }
      mismatches(value[p.name], checker.getTypeOfSymbol(p), `${where}.${p.name}`, out)
    }
    return out
  }
  out.push(`${where}: no check for ${checker.typeToString(type)}`)
  return out
}

function assertType(value, typeName, where) {
  const problems = mismatches(value, declared(typeName), where)
  assert.deepEqual(problems.slice(0, 5), [], `${problems.length} mismatches`)
}

const texts = sampleFiles()
  .filter((_, i) => i % 8 === 0)
  .map((f) => fs.readFileSync(f, 'utf8'))

test('check results are Diagnostic[], on every rule', () => {
  const settings = new slimfile.Settings({ select: ['ALL'] })
  const context = new slimfile.Context({ files: [{ path: 'package.json', size: 10 }, { path: '.env', size: 3 }] })
  const all = texts.flatMap((t) => slimfile.check(t, { settings, context }))
  assert.ok(all.length > 1000)
  const type = declared('Diagnostic')
  const problems = all.flatMap((d, i) => mismatches(d, type, `diagnostic #${i} (${d.code})`))
  assert.deepEqual(problems.slice(0, 5), [], `${problems.length} mismatches`)
  assert.ok(all.some((d) => d.fix && d.fix.edits.length > 0) && all.some((d) => d.savings_bytes !== null))
})

test('fix results are FixResult', () => {
  for (const [i, t] of texts.slice(0, 60).entries()) assertType(slimfile.fix(t, { unsafe: true }), 'FixResult', `fix #${i}`)
})

test('parse results are ParseView', () => {
  for (const [i, t] of texts.entries()) assertType(slimfile.parse(t), 'ParseView', `parse #${i}`)
})

test('rules are RuleInfo, settings SettingsJSON, contexts ContextJSON, reports FileReport', async () => {
  for (const r of slimfile.rules()) assertType(r, 'RuleInfo', r.code)
  assertType(new slimfile.Settings({ severity: { DL3008: 'off', size: 'error' }, failLevel: 'none' }).toJSON(), 'SettingsJSON', 'settings')
  assertType(slimfile.Context.fromDir(__dirname).toJSON(), 'ContextJSON', 'context')
  const reports = await slimfile.checkFiles([__filename, path.join(__dirname, 'missing')])
  for (const r of reports) assertType(r, 'FileReport', r.path)
})

test('the checker itself finds wrong shapes', () => {
  const d = slimfile.check('FROM debian:12\nRUN apt-get update && apt-get install -y curl\n')[0]
  assert.deepEqual(mismatches(d, declared('Diagnostic'), 'd'), [])
  assert.notDeepEqual(mismatches({ ...d, extra: 1 }, declared('Diagnostic'), 'd'), [])
  assert.notDeepEqual(mismatches({ ...d, severity: 'fatal' }, declared('Diagnostic'), 'd'), [])
  assert.notDeepEqual(mismatches({ ...d, span: [1] }, declared('Diagnostic'), 'd'), [])
  const { fix: _, ...noFix } = d
  assert.notDeepEqual(mismatches(noFix, declared('Diagnostic'), 'd'), [])
})
