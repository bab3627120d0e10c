'use strict'
// checkFiles works on other threads: the event loop stays free while it runs. Calls from
// many places at once (promises, worker threads) give the answers calls one by one give.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { Worker } = require('node:worker_threads')

const { check, checkFiles, Context, Settings } = require('..')
const { sampleFiles } = require('./helpers')

const files = sampleFiles()

test('the event loop keeps running while checkFiles checks the sample', async () => {
  let ticks = 0
  let ticksBeforeDone = -1
  const timer = setInterval(() => ticks++, 1)
  const started = performance.now()
  const pending = checkFiles(files).then((reports) => {
    ticksBeforeDone = ticks
    return reports
  })
  // The main thread stays usable meanwhile, for synchronous calls too.
  const during = check('FROM debian:12\nRUN apt-get update && apt-get install -y curl\n')
  const reports = await pending
  const elapsed = performance.now() - started
  clearInterval(timer)
  assert.equal(reports.length, files.length)
  assert.deepEqual(during.map((d) => d.code), ['DL3009', 'DL3015'])
  // A call that blocked the thread would let the timer fire once at most, at the end.
  assert.ok(ticksBeforeDone >= 10, `${ticksBeforeDone} timer ticks in ${elapsed.toFixed(0)} ms`)
})

test('checkFiles calls at once give what check gives, file by file', async () => {
  const chosen = files.filter((_, i) => i % 10 === 0)
  const settings = new Settings({ extendSelect: ['ALL'] })
  const contexts = new Map()
  const expected = chosen.map((f) => {
    const dir = path.dirname(f)
    if (!contexts.has(dir)) contexts.set(dir, Context.fromDir(dir))
    return check(fs.readFileSync(f, 'utf8'), { settings, context: contexts.get(dir) })
  })
  const quarters = [0, 1, 2, 3].map((q) => chosen.filter((_, i) => i % 4 === q))
  const results = await Promise.all([
    ...quarters.map((part) => checkFiles(part, { settings, concurrency: 2 })),
    checkFiles(chosen, { settings, concurrency: 1 }),
    checkFiles(chosen, { settings: settings.toJSON(), concurrency: 16 }),
  ])
  quarters.forEach((part, q) => {
    part.forEach((file, i) => assert.deepEqual(results[q][i].diagnostics, expected[chosen.indexOf(file)], file))
  })
  for (const all of results.slice(4)) assert.deepEqual(all.map((r) => r.diagnostics), expected)
})

test('one context for every file when options.context is given', async () => {
  const chosen = files.slice(0, 40)
  const context = new Context({ files: [{ path: '.env', size: 10 }], dockerignore: '' })
  const reports = await checkFiles(chosen, { context })
  reports.forEach((r, i) => assert.deepEqual(r.diagnostics, check(fs.readFileSync(chosen[i], 'utf8'), { context }), chosen[i]))
})

test('worker threads load the package and check in parallel', async () => {
  const chosen = files.filter((_, i) => i % 40 === 0)
  const texts = chosen.map((f) => fs.readFileSync(f, 'utf8'))
  const expected = texts.map((t) => check(t, { settings: { extendSelect: ['ALL'] } }))
  const source = `
    const { parentPort, workerData } = require('node:worker_threads')
    const { check, Settings } = require(${JSON.stringify(path.resolve(__dirname, '..'))})
    const settings = new Settings({ extendSelect: ['ALL'] })
    parentPort.postMessage(workerData.map((t) => check(t, { settings })))`
  const run = () =>
    new Promise((resolve, reject) => {
      const worker = new Worker(source, { eval: true, workerData: texts })
      worker.once('message', resolve)
      worker.once('error', reject)
    })
  const results = await Promise.all([run(), run(), run()])
  for (const result of results) assert.deepEqual(result, expected)
})

test('a batch whose results outgrow one piece of text (64 MiB) reads back whole', async () => {
  // The strings of a report, as the native side sends them.
  const size = (r) =>
    r.path.length +
    r.diagnostics.reduce((n, d) => n + d.code.length + d.name.length + d.severity.length + d.message.length +
      (d.fix ? d.fix.applicability.length + d.fix.title.length + d.fix.edits.reduce((m, e) => m + e.content.length, 0) : 0), 0)
  const once = await checkFiles(files)
  const perRound = once.reduce((n, r) => n + size(r), 0)
  const rounds = Math.ceil((64 << 20) / perRound) + 1
  const reports = await checkFiles(Array.from({ length: rounds }, () => files).flat())
  assert.ok(reports.reduce((n, r) => n + size(r), 0) > 64 << 20)
  for (let i = 0; i < reports.length; i++) {
    const want = once[i % files.length]
    if (reports[i].path !== want.path || JSON.stringify(reports[i].diagnostics) !== JSON.stringify(want.diagnostics)) {
      assert.fail(`report ${i} (${reports[i].path}) differs from the single pass`)
    }
  }
})
