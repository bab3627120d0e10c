'use strict'
// The npm package against its peers and against its own Rust API (`make node-bench`).
//
//   node benches/node/bench.js [--rounds N] [--dev DIR]
//
// 1. In this one Node process, on the texts of the sample corpus already in memory:
//    slimfile `check` against dockerfile-utils' `validate`, and slimfile `parse` against
//    dockerfile-ast's `DockerfileParser.parse` (the versions benches/peers pins).
// 2. The binding's cost per call: the same `check` and `parse` through core's Rust API
//    (target/release/examples/rust_api: same settings, UTF-16 positions, release profile),
//    run in this same benchmark, rounds alternating with the JavaScript ones.
// 3. `checkFiles` on the dev corpus (dev.tar.gz, unpacked to DIR, default
//    /tmp/slimfile-dev) against `slimfile check --format json` on the same files.
// Rounds alternate between the sides; each figure is the best round (the least disturbed
// by other work on the machine). Prints a Markdown table and one JSON line.

const fs = require('node:fs')
const path = require('node:path')
const { execFileSync } = require('node:child_process')
const { createRequire } = require('node:module')

const root = path.resolve(__dirname, '..', '..')
const slimfile = require(path.join(root, 'bindings-node'))
const peers = createRequire(path.join(root, 'benches', 'peers', 'package.json'))
const { DockerfileParser } = peers('dockerfile-ast')
const { validate } = peers('dockerfile-utils')

const arg = (name, fallback) => {
  const at = process.argv.indexOf(name)
  return at > 0 ? process.argv[at + 1] : fallback
}
const rounds = Number(arg('--rounds', 5))
const devDir = arg('--dev', '/tmp/slimfile-dev')
const corpus = path.resolve(root, '..', 'shared', 'corpus')
const rustApi = path.join(root, 'target', 'release', 'examples', 'rust_api')
const cli = path.join(root, 'target', 'release', 'slimfile')

const best = (xs) => Math.min(...xs)
const seconds = (fn) => {
  const start = process.hrtime.bigint()
  fn()
  return Number(process.hrtime.bigint() - start) / 1e9
}

function listFiles(dir) {
  const out = []
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...listFiles(p))
    else if (entry.isFile()) out.push(p)
  }
  return out.sort()
}

// 1 and 2: the sample, in memory.
const files = listFiles(path.join(corpus, 'sample'))
const texts = files.map((f) => fs.readFileSync(f, 'utf8'))
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0)
const list = path.join(require('node:os').tmpdir(), `slimfile-bench-${process.pid}.txt`)
fs.writeFileSync(list, files.join('\n') + '\n')

const settings = new slimfile.Settings()
const times = { check: [], validate: [], parse: [], astParse: [], rustCheck: [], rustParse: [] }
// Warm up every path once (JIT, caches), then alternate.
texts.forEach((t) => slimfile.check(t, { settings }) && slimfile.parse(t))
for (let r = 0; r < rounds; r++) {
  const rust = JSON.parse(execFileSync(rustApi, [list, '1'], { encoding: 'utf8' }))
  times.rustCheck.push(rust.check[0])
  times.rustParse.push(rust.parse[0])
  times.check.push(seconds(() => texts.forEach((t) => slimfile.check(t, { settings }))))
  times.parse.push(seconds(() => texts.forEach((t) => slimfile.parse(t))))
  times.astParse.push(seconds(() => texts.forEach((t) => DockerfileParser.parse(t).getInstructions())))
  times.validate.push(seconds(() => texts.forEach((t) => validate(t))))
}
fs.unlinkSync(list)
const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, best(v)]))

// 3: the dev corpus from disk, through checkFiles and through the CLI.
if (!fs.existsSync(devDir)) {
  fs.mkdirSync(devDir, { recursive: true })
  execFileSync('tar', ['xzf', path.join(corpus, 'dev.tar.gz'), '-C', devDir])
}
const devFiles = listFiles(devDir)
const devBytes = devFiles.reduce((n, f) => n + fs.statSync(f).size, 0)
async function devRun() {
  const start = process.hrtime.bigint()
  const reports = await slimfile.checkFiles(devFiles)
  const s = Number(process.hrtime.bigint() - start) / 1e9
  return { s, errors: reports.filter((r) => r.error).length, found: reports.reduce((n, r) => n + (r.diagnostics ? r.diagnostics.length : 0), 0) }
}
function cliRun() {
  const start = process.hrtime.bigint()
  // The whole list through xargs, so that no command line is too long: a few processes.
  execFileSync('sh', ['-c', `xargs -d '\\n' -a "$1" "$2" check --no-config --format json > /dev/null || [ $? = 123 ]`, 'sh', devList, cli], { stdio: 'ignore' })
  return Number(process.hrtime.bigint() - start) / 1e9
}
const devList = path.join(require('node:os').tmpdir(), `slimfile-dev-${process.pid}.txt`)
fs.writeFileSync(devList, devFiles.join('\n') + '\n')

;(async () => {
  const dev = []
  const cliTimes = []
  for (let r = 0; r < Math.min(rounds, 3); r++) {
    cliTimes.push(cliRun())
    dev.push(await devRun())
  }
  fs.unlinkSync(devList)
  const devS = best(dev.map((d) => d.s))
  const cliS = best(cliTimes)

  const mb = bytes / 1e6
  const row = (name, s, n = files.length, b = mb) => `| ${name} | ${(s * 1000).toFixed(0)} ms | ${Math.round(n / s).toLocaleString('en')} | ${(b / s).toFixed(1)} |`
  const out = [
    `Sample: ${files.length} files, ${mb.toFixed(1)} MB, in memory, one Node ${process.version} process; best of ${rounds} rounds; load average ${require('node:os').loadavg()[0].toFixed(1)} on ${require('node:os').availableParallelism()} CPUs.`,
    '',
    '| what | time | files/s | MB/s |',
    '|---|---|---|---|',
    row('slimfile `check` (npm)', m.check),
    row('slimfile `check` (Rust API)', m.rustCheck),
    row('dockerfile-utils 0.16.3 `validate`', m.validate),
    row('slimfile `parse` (npm)', m.parse),
    row('slimfile `parse` (Rust API)', m.rustParse),
    row('dockerfile-ast 0.7.1 `DockerfileParser.parse`', m.astParse),
    '',
    `- check: ${(m.validate / m.check).toFixed(0)}× dockerfile-utils (target ≥ 50×); parse: ${(m.astParse / m.parse).toFixed(0)}× dockerfile-ast (target ≥ 20×).`,
    `- per-call cost of the binding over the Rust API: check +${((m.check / m.rustCheck - 1) * 100).toFixed(0)}% (${(((m.check - m.rustCheck) / files.length) * 1e6).toFixed(1)} µs a call), parse +${((m.parse / m.rustParse - 1) * 100).toFixed(0)}% (target ≤ 20%).`,
    '',
    `Dev corpus: ${devFiles.length.toLocaleString('en')} files, ${(devBytes / 1e6).toFixed(0)} MB, from disk, each with its directory as context, no config files; best of ${Math.min(rounds, 3)} rounds.`,
    '',
    '| what | time | files/s |',
    '|---|---|---|',
    `| \`checkFiles\` (npm, ${require('node:os').availableParallelism()} threads, results as objects) | ${devS.toFixed(2)} s | ${Math.round(devFiles.length / devS).toLocaleString('en')} |`,
    `| \`slimfile check --format json\` (CLI \`--no-config\`, output to /dev/null) | ${cliS.toFixed(2)} s | ${Math.round(devFiles.length / cliS).toLocaleString('en')} |`,
    '',
    `- checkFiles: ${dev[0].found.toLocaleString('en')} findings, ${dev[0].errors} files refused (binary, not UTF-8, ...).`,
  ]
  console.log(out.join('\n'))
  console.log(JSON.stringify({ files: files.length, bytes, best: m, dev: { files: devFiles.length, bytes: devBytes, checkFiles: devS, cli: cliS } }))
})()
