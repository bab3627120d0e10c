'use strict'
// The API as a user calls it: each verb, Settings, Context, rules, both module systems.

const test = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const { execFileSync } = require('node:child_process')

const slimfile = require('..')
const { check, fix, parse, rules, rule, Settings, Context } = slimfile
const { tempDir } = require('./helpers')

const APT = 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n'
const NODE_APP = 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD ["node", "server.js"]\n'
const codes = (found) => found.map((d) => d.code)

test('check returns plain objects in the CLI shape', () => {
  const found = check(APT)
  assert.deepEqual(codes(found), ['DL3009', 'DL3015'])
  const d = found[0]
  assert.equal(Object.getPrototypeOf(d), Object.prototype)
  assert.deepEqual(Object.keys(d), ['code', 'name', 'severity', 'message', 'range', 'span', 'fix', 'savings_bytes'])
  assert.deepEqual(d, {
    code: 'DL3009',
    name: 'apt-lists-not-deleted',
    severity: 'info',
    message: '`apt-get install` leaves `/var/lib/apt/lists` in the layer',
    range: { start: { line: 2, column: 23 }, end: { line: 2, column: 46 } },
    span: [37, 60],
    fix: {
      applicability: 'safe',
      title: 'Remove `/var/lib/apt/lists/*` in the same `RUN`',
      edits: [{ span: [60, 60], content: ' && rm -rf /var/lib/apt/lists/*' }],
    },
    savings_bytes: null,
  })
  assert.equal(APT.slice(d.span[0], d.span[1]), 'apt-get install -y curl')
  assert.deepEqual(codes(check('')), ['SF501'], 'a file with no instructions')
})

test('findings come ordered by position, and savings are numbers', () => {
  const found = check(NODE_APP)
  const starts = found.map((d) => d.span[0])
  assert.deepEqual(starts, [...starts].sort((a, b) => a - b))
  const slim = found.find((d) => d.code === 'SF101')
  assert.ok(slim, 'SF101 suggests a slim base image')
  assert.equal(typeof slim.savings_bytes, 'number')
  assert.ok(slim.savings_bytes > 100e6)
})

test('fix applies safe fixes, unsafe ones on request, and only the rules asked for', () => {
  const safe = fix(APT)
  assert.equal(safe.text, 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n')
  assert.deepEqual(Object.keys(safe), [
    'text', 'dockerignore', 'dockerignore_additions', 'applied', 'rejected', 'remaining', 'saved_bytes', 'converged',
  ])
  assert.deepEqual(safe.applied.map((a) => [a.code, a.applicability, a.pass]), [['DL3009', 'safe', 1]])
  assert.deepEqual(codes(safe.remaining), ['DL3015'])
  assert.equal(safe.converged, true)

  const all = fix(APT, { unsafe: true })
  assert.match(all.text, /--no-install-recommends/)
  assert.deepEqual(all.applied.map((a) => a.code).sort(), ['DL3009', 'DL3015'])
  assert.deepEqual(all.remaining, [])

  const only = fix(APT, { unsafe: true, only: ['apt-install-recommends'] })
  assert.deepEqual(only.applied.map((a) => a.code), ['DL3015'])
  assert.doesNotMatch(only.text, /rm -rf/)

  assert.equal(fix(APT, { unsafe: true, maxPasses: 1 }).applied.length, 2)
})

test('fix adds .dockerignore lines when the context needs them', () => {
  const context = new Context({ files: [{ path: 'package.json', size: 20 }, { path: 'node_modules/x/i.js', size: 2 }] })
  const result = fix(NODE_APP, { context, unsafe: true })
  assert.ok(result.dockerignore_additions.includes('node_modules'), result.dockerignore_additions.join(','))
  assert.equal(typeof result.dockerignore, 'string')
  assert.ok(result.saved_bytes > 0)
})

test('parse reports items, instructions and problems', () => {
  const text = '# syntax=docker/dockerfile:1\nFROM alpine AS base\nRUN --mount=type=cache,target=/x echo hi\nBOGUS x\n'
  const view = parse(text)
  assert.deepEqual(Object.keys(view), ['escape', 'items', 'instructions', 'errors', 'warnings'])
  assert.equal(view.escape, '\\')
  assert.deepEqual(view.items.map((i) => i.kind), ['directive', 'instruction', 'instruction', 'instruction'])
  const run = view.instructions[1]
  assert.deepEqual(run, {
    cmd: 'RUN',
    sub_cmd: null,
    json: false,
    original: 'RUN --mount=type=cache,target=/x echo hi',
    start_line: 3,
    end_line: 3,
    flags: ['--mount=type=cache,target=/x'],
    value: ['echo hi'],
    heredocs: [],
    span: [text.indexOf('RUN'), text.indexOf(' hi') + 3],
  })
  assert.deepEqual(view.errors, [])
  assert.deepEqual(view.warnings.map((w) => [w.kind, w.line, w.column]), [['unknown-instruction', 4, 1]])

  const heredoc = parse('FROM alpine\nRUN <<EOF\necho hi\nEOF\n').instructions[1]
  assert.deepEqual(heredoc.heredocs, [{ name: 'EOF', file_descriptor: 0, content: 'echo hi\n' }])
  assert.equal(parse('# escape=`\nFROM alpine\n').escape, '`')
  assert.deepEqual(parse('FROM a\nRUN <<EOF\nx\n').errors.map((e) => e.kind), ['unterminated-heredoc'])
})

test('rules and rule describe the catalogue', () => {
  const all = rules()
  assert.ok(all.length > 100)
  assert.deepEqual(all.map((r) => r.code), all.map((r) => r.code).sort())
  const r = rule('DL3015')
  assert.deepEqual(Object.keys(r), [
    'code', 'name', 'category', 'severity', 'default_enabled', 'buildkit', 'fix', 'summary', 'documentation',
  ])
  assert.equal(r.name, 'apt-install-recommends')
  assert.deepEqual(rule('apt-install-recommends'), r)
  assert.deepEqual(rule('dl3015'), r)
  assert.equal(rule('JSONArgsRecommended').code, 'DL3025')
  assert.match(r.documentation, /## Why is this bad\?/)
  assert.equal(rule('DL9999'), null)
  assert.deepEqual(all.find((x) => x.code === 'DL3015'), r)
})

test('Settings from an object select, ignore and re-rate rules', () => {
  assert.deepEqual(codes(check(APT, { settings: { ignore: ['DL3009'] } })), ['DL3015'])
  assert.deepEqual(codes(check(APT, { settings: { select: ['DL3009'] } })), ['DL3009'])
  const settings = new Settings({ extendSelect: ['DL3015'], severity: { size: 'error', DL3009: 'off' }, failLevel: 'error' })
  assert.deepEqual(check(APT, { settings }).map((d) => [d.code, d.severity]), [['DL3015', 'error']])
  const loud = new Settings({ severity: { DL3015: 'error' } })
  assert.deepEqual(check(APT, { settings: loud }).map((d) => [d.code, d.severity]), [['DL3009', 'info'], ['DL3015', 'error']])
  // A severity table keeps its order: the last match wins.
  const severity = (table) => check(APT, { settings: { severity: table } }).find((d) => d.code === 'DL3015').severity
  assert.equal(severity({ DL3015: 'error', DL30: 'style' }), 'style')
  assert.equal(severity({ DL30: 'style', DL3015: 'error' }), 'error')
})

test('Settings.toJSON is the slimfile.toml shape, and the kebab-case keys are accepted', () => {
  const settings = new Settings({ extendSelect: ['DL3015'], trustedRegistries: ['docker.io'], prefer: 'alpine', failLevel: 'info', severity: { size: 'error' }, labelSchema: { maintainer: 'email' }, strictLabels: true })
  const json = settings.toJSON()
  assert.deepEqual(json, {
    select: [],
    'extend-select': ['DL3015'],
    ignore: [],
    severity: { size: 'error' },
    'trusted-registries': ['docker.io'],
    prefer: 'alpine',
    'fail-level': 'info',
    'label-schema': { maintainer: 'email' },
    'strict-labels': true,
  })
  assert.deepEqual(new Settings(json).toJSON(), json)
  assert.deepEqual(JSON.parse(JSON.stringify(settings)), json)
  assert.deepEqual(new Settings().toJSON(), new Settings({}).toJSON())
  assert.equal(new Settings().toJSON()['fail-level'], 'warning')
})

test('a label schema drives the label rules', () => {
  const text = 'FROM debian:trixie-slim\nLABEL maintainer="Jane Doe" build-host="ci"\n'
  const settings = new Settings({ labelSchema: { maintainer: 'email' }, strictLabels: true })
  assert.deepEqual(slimfile.check(text, { settings }).map((d) => d.code), ['DL3058', 'DL3050'])
  assert.deepEqual(slimfile.check(text).filter((d) => ['DL3058', 'DL3050'].includes(d.code)), [])
  assert.throws(() => new Settings({ labelSchema: { maintainer: 'name' } }))
})

test('Settings.fromFile reads slimfile.toml, pyproject.toml and .hadolint.yaml as the CLI does', () => {
  const dir = tempDir({
    'slimfile.toml': 'ignore = ["DL3009"]\n',
    'pyproject.toml': '[project]\nname = "x"\n[tool.slimfile]\nselect = ["DL3009"]\n',
    '.hadolint.yaml': 'ignored: [DL3015]\n',
    'ci/.hadolint.yml': 'override:\n  error: [DL3009]\n',
  })
  const found = (file) => check(APT, { settings: Settings.fromFile(path.join(dir, file)) }).map((d) => `${d.code}:${d.severity}`)
  assert.deepEqual(found('slimfile.toml'), ['DL3015:info'])
  assert.deepEqual(found('pyproject.toml'), ['DL3009:info'])
  assert.deepEqual(found('.hadolint.yaml'), ['DL3009:info'])
  assert.deepEqual(found('ci/.hadolint.yml'), ['DL3009:error', 'DL3015:info'])
})

test('Context from an object or a directory feeds the context rules', () => {
  const context = new Context({ files: [{ path: '.env', size: 9 }, { path: 'package.json', size: 13 }], dockerignore: null })
  assert.deepEqual(context.files, [{ path: '.env', size: 9 }, { path: 'package.json', size: 13 }])
  assert.equal(context.dockerignore, null)
  assert.deepEqual(context.toJSON(), { dockerignore: null, files: [{ path: '.env', size: 9 }, { path: 'package.json', size: 13 }] })
  assert.deepEqual(new Context().toJSON(), { dockerignore: null, files: null })

  const without = codes(check(NODE_APP))
  assert.ok(!without.includes('SF108'))
  assert.ok(codes(check(NODE_APP, { context })).includes('SF108'), 'a .env in the context is a secret sent by COPY . .')
  assert.ok(codes(check(NODE_APP, { context: context.toJSON() })).includes('SF108'), 'a plain object works too')

  const dir = tempDir({ '.env': 'SECRET=1\n', 'package.json': '{"name":"a"}\n', 'node_modules/x/i.js': 'x\n', '.dockerignore': '.env\n' })
  const fromDir = Context.fromDir(dir)
  assert.equal(fromDir.dockerignore, '.env\n')
  assert.deepEqual(fromDir.files, [
    { path: '.dockerignore', size: 5 },
    { path: '.env', size: 9 },
    { path: 'node_modules/x/i.js', size: 2 },
    { path: 'package.json', size: 13 },
  ])
  assert.ok(!codes(check(NODE_APP, { context: fromDir })).includes('SF108'), 'the .dockerignore leaves .env out')
  assert.deepEqual(Context.fromDir(path.join(dir, 'missing')).toJSON(), { dockerignore: null, files: null })
})

test('one Settings is reused across calls and across options', () => {
  const settings = new Settings({ ignore: ['DL3015'] })
  for (let i = 0; i < 3; i++) assert.deepEqual(codes(check(APT, { settings })), ['DL3009'])
  assert.deepEqual(fix(APT, { settings, unsafe: true }).applied.map((a) => a.code), ['DL3009'])
})

test('the package loads with require and with import, with the same exports', () => {
  const script = `import { check, checkFiles, fix, parse, rules, rule, Settings, Context } from 'slimfile'
import slimfile from 'slimfile'
const cjs = (await import('node:module')).createRequire(import.meta.url)('slimfile')
if (check !== cjs.check || slimfile.parse !== cjs.parse || Settings !== cjs.Settings) throw new Error('two copies')
for (const f of [check, checkFiles, fix, parse, rules, rule, Settings, Context]) if (typeof f !== 'function') throw new Error('missing export')
console.log(check('FROM debian:12\\nRUN apt-get update && apt-get install -y curl\\n').map((d) => d.code).join(','))`
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    // Resolve `slimfile` as a dependency would: from a node_modules that holds this package.
    env: { ...process.env, NODE_PATH: '' },
    cwd: linkedProject(),
  })
  assert.equal(out.trim(), 'DL3009,DL3015')
})

/** A project whose node_modules/slimfile is this package (a symlink). */
function linkedProject() {
  const dir = tempDir({ 'package.json': '{"name":"user","private":true}\n' })
  require('node:fs').mkdirSync(path.join(dir, 'node_modules'))
  require('node:fs').symlinkSync(path.resolve(__dirname, '..'), path.join(dir, 'node_modules', 'slimfile'), 'dir')
  return dir
}
