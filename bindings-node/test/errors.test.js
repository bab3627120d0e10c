'use strict'
// Misuse throws the JavaScript error for it (TypeError, RangeError, Error with a `code`);
// problems in a Dockerfile are findings, never exceptions; a panic in Rust is an Error.

const test = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')

const { check, checkFiles, fix, parse, rule, Settings, Context } = require('..')
const binding = require('../binding.js')
const { tempDir } = require('./helpers')

const APT = 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n'
const typeError = (message) => ({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message })

test('text that is not a string is a TypeError', () => {
  for (const bad of [undefined, null, 42, {}, ['FROM a'], Buffer.from('FROM a\n'), Symbol('x'), 10n]) {
    assert.throws(() => check(bad), typeError('`text` must be a string'), String(typeof bad))
    assert.throws(() => fix(bad), typeError('`text` must be a string'))
    assert.throws(() => parse(bad), typeError('`text` must be a string'))
  }
  assert.throws(() => rule(3015), typeError('`codeOrName` must be a string'))
  assert.throws(() => Settings.fromFile(undefined), typeError('`path` must be a string'))
  assert.throws(() => Context.fromDir(1), typeError('`dir` must be a string'))
})

test('options must be an object with known keys of the right types', () => {
  for (const bad of [5, 'settings', true]) assert.throws(() => check(APT, bad), typeError('options must be an object'))
  assert.throws(() => check(APT, { setings: {} }), typeError('unknown option `setings` (expected context, settings)'))
  assert.throws(() => fix(APT, { unsafe_fixes: true }), /unknown option `unsafe_fixes`/)
  assert.throws(() => fix(APT, { unsafe: 'yes' }), typeError('`unsafe` must be a boolean'))
  assert.throws(() => fix(APT, { only: 'DL3015' }), typeError('`only` must be an array of strings'))
  assert.throws(() => fix(APT, { only: [3015] }), typeError('`only` must be an array of strings'))
  for (const bad of [0, -1, 1.5, Infinity, NaN]) {
    assert.throws(() => fix(APT, { maxPasses: bad }), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' }, String(bad))
  }
  assert.throws(() => fix(APT, { maxPasses: '3' }), typeError('`maxPasses` must be a number'))
  assert.throws(() => check(APT, { settings: 5 }), typeError('settings must be an object'))
  assert.throws(() => check(APT, { context: 'dir' }), typeError('context must be an object'))
  // `undefined` and `null` mean "not given".
  assert.deepEqual(check(APT, { settings: undefined, context: null }), check(APT))
  assert.deepEqual(check(APT, null), check(APT))
})

test('unusable settings are errors that say what is wrong', () => {
  const config = (message) => ({ name: 'Error', code: 'ERR_SLIMFILE_CONFIG', message })
  assert.throws(() => new Settings({ selct: [] }), config(/^invalid settings: `selct`: unknown field `selct`, expected one of `select`, `extendSelect`/))
  assert.throws(() => new Settings({ select: ['XX9999'] }), config('invalid settings: `select[0]`: unknown rule or category `XX9999`'))
  assert.throws(() => new Settings({ select: 'DL3008' }), config('invalid settings: `select`: invalid type: string "DL3008", expected a sequence'))
  assert.throws(() => new Settings({ prefer: 'tiny' }), config(/^invalid settings: `prefer`: unknown variant `tiny`, expected `slim` or `alpine`/))
  assert.throws(() => new Settings({ severity: { DL3008: 'loud' } }), config(/^invalid settings: `severity`: a severity must be one of "error", "warning"/))
  assert.throws(() => new Settings({ failLevel: 7 }), config(/^invalid settings: `failLevel`: /))
  assert.throws(() => new Settings({ trustedRegistries: [1] }), config(/^invalid settings: `trustedRegistries\[0\]`: invalid type/))
  assert.throws(() => new Settings({ failLevel: 'error', 'fail-level': 'info' }), typeError('settings: `fail-level` given twice'))
  assert.throws(() => new Settings('select'), typeError('settings must be an object'))
  assert.throws(() => new Settings(['DL3008']), typeError('settings must be an object'))
  assert.throws(() => check(APT, { settings: new Context() }), { code: 'ERR_SLIMFILE_CONFIG' })
  assert.throws(() => check(APT, { context: [] }), typeError('context must be an object'))
  assert.throws(() => check(APT, { settings: { ignore: ['nope'] } }), config('invalid settings: `ignore[0]`: unknown rule or category `nope`'))
})

test('settings files that cannot be used name the file, line and column', () => {
  const dir = tempDir({ 'slimfile.toml': 'select = ["DL3015"]\n  selct = []\n', 'bad.yaml': 'ignored: [\n', 'pyproject.toml': '[project]\nname = "x"\n' })
  const file = path.join(dir, 'slimfile.toml')
  assert.throws(() => Settings.fromFile(file), {
    name: 'Error',
    code: 'ERR_SLIMFILE_CONFIG',
    message: new RegExp(`^${file}:2:3: unknown key \`selct\`; the keys are \`select\`, `),
  })
  assert.throws(() => Settings.fromFile(path.join(dir, 'bad.yaml')), { code: 'ERR_SLIMFILE_CONFIG', message: /bad\.yaml:\d+:\d+: / })
  assert.throws(() => Settings.fromFile(path.join(dir, 'missing.toml')), { code: 'ERR_SLIMFILE_CONFIG', message: /missing\.toml/ })
  assert.throws(() => Settings.fromFile(dir), { code: 'ERR_SLIMFILE_CONFIG' })
  assert.throws(() => Settings.fromFile(path.join(dir, 'pyproject.toml')), { code: 'ERR_SLIMFILE_CONFIG', message: /has no `\[tool\.slimfile\]` table/ })
})

test('a context of the wrong shape is a TypeError', () => {
  assert.throws(() => new Context({ files: 'a' }), typeError('invalid context: `files`: invalid type: string "a", expected a sequence'))
  assert.throws(() => new Context({ files: [{ path: 'a', size: -1 }] }), typeError('invalid context: `files[0].size`: invalid value: integer `-1`, expected u64'))
  assert.throws(() => new Context({ files: [{ path: 'a', size: 1.5 }] }), typeError(/^invalid context: `files\[0\].size`: /))
  assert.throws(() => new Context({ files: [{ path: 'a' }] }), typeError('invalid context: `files[0]`: missing field `size`'))
  assert.throws(() => new Context({ dockerignore: 5 }), typeError(/^invalid context: `dockerignore`: /))
  assert.throws(() => new Context({ file: [] }), typeError('unknown option `file` (expected files, dockerignore)'))
  assert.throws(() => check(APT, { context: { files: [{}] } }), typeError('invalid context: `files[0]`: missing field `path`'))
})

test('an unknown rule in `only` is an error', () => {
  assert.throws(() => fix(APT, { only: ['DL9999'] }), { name: 'Error', code: 'ERR_SLIMFILE_UNKNOWN_RULE', message: 'unknown rule or category `DL9999`' })
})

test('text over the size limit is a RangeError', () => {
  const big = '#'.repeat((32 << 20) + 1)
  const tooLarge = { name: 'RangeError', code: 'ERR_SLIMFILE_INPUT', message: /too large|limit/ }
  assert.throws(() => check(big), tooLarge)
  assert.throws(() => fix(big), tooLarge)
  assert.throws(() => parse(big), tooLarge)
})

test('broken Dockerfiles are findings, not exceptions', () => {
  for (const text of ['', '\n', 'RUN\n', 'FROM\n', 'FROM a\nRUN <<EOF\n', '\0\0\0', '\uFEFFFROM a\n', 'FROM a\r\nRUN b\r\n', '\uD800 lone surrogate', '{{ template }}\n', 'x'.repeat(100000)]) {
    assert.ok(Array.isArray(check(text)), JSON.stringify(text.slice(0, 20)))
    assert.equal(typeof fix(text).text, 'string')
    const view = parse(text)
    assert.equal(view.items.length === 0 ? 0 : view.items.at(-1).end, text.length, 'items tile the text')
  }
})

test('checkFiles rejects bad arguments and reports unreadable files', async () => {
  await assert.rejects(checkFiles('Dockerfile'), typeError('`paths` must be an array of strings'))
  await assert.rejects(checkFiles([1, 2]), typeError('`paths` must be an array of strings'))
  await assert.rejects(checkFiles(['a'], { concurrency: 0 }), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' })
  await assert.rejects(checkFiles(['a'], { paralel: 2 }), /unknown option `paralel`/)
  await assert.rejects(checkFiles(['a'], { settings: { select: ['nope'] } }), { code: 'ERR_SLIMFILE_CONFIG' })

  const dir = tempDir({
    Dockerfile: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    'binary.Dockerfile': Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x00, 0x01]),
    'latin1.Dockerfile': Buffer.from('FROM caf\xe9\n', 'latin1'),
    'utf16.Dockerfile': Buffer.from('\ufeffFROM a\n', 'utf16le'),
    'sub/Dockerfile': 'FROM alpine\n',
  })
  const at = (name) => path.join(dir, name)
  const names = ['Dockerfile', 'missing', 'binary.Dockerfile', 'latin1.Dockerfile', 'utf16.Dockerfile', 'sub', 'sub/Dockerfile']
  const reports = await checkFiles(names.map(at))
  assert.deepEqual(reports.map((r) => r.path), names.map(at))
  assert.deepEqual(reports.map((r) => 'error' in r), [false, true, true, true, true, true, false])
  assert.deepEqual(reports[0].diagnostics, check('FROM debian:12\nRUN apt-get update && apt-get install -y curl\n', { context: Context.fromDir(dir) }))
  assert.equal(reports[1].error, `${at('missing')}: no such file`)
  assert.match(reports[2].error, /binary/)
  assert.match(reports[3].error, /UTF-8/)
  assert.match(reports[4].error, /UTF-16/)
  assert.match(reports[5].error, /directory/)
  assert.deepEqual(await checkFiles([]), [])
})

test('a panic in Rust is a JavaScript Error, and the process goes on', () => {
  // `__panic` is not part of the API: it panics on purpose, to test the boundary.
  assert.throws(() => binding.__panic('on purpose'), { name: 'Error', code: 'GenericFailure', message: 'on purpose' })
  assert.deepEqual(check(APT).length, 2)
})
