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
// Rounds alternate between the sides. Each figure is the best round, in CPU time (of the
// whole process, garbage collector threads included): on a machine busy with other work,
// wall time measures the others too. Wall times are printed beside. Prints a Markdown
// table and one JSON line.

const fs = require('node:fs')
const path = require('node:path')
const { execFileSync } = require('node:child_process')
const { createRequire } = require('node:module')
const os = require('node:os')

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

const best = (rounds) => [Math.min(...rounds.map((r) => r[0])), Math.min(...rounds.map((r) => r[1]))]
/** [wall s, CPU s] of `fn()`. */
const seconds = (fn) => {
  const [start, cpu] = [process.hrtime.bigint(), process.cpuUsage()]
  fn()
  const used = process.cpuUsage(cpu)
  return [Number(process.hrtime.bigint() - start) / 1e9, (used.user + used.system) / 1e6]
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
const list = path.join(os.tmpdir(), `slimfile-bench-${process.pid}.txt`)
fs.writeFileSync(list, files.join('\n') + '\n')

const settings = new slimfile.Settings()
const times = { check: [], validate: [], parse: [], astParse: [], rustCheck: [], rustParse: [] }
// Warm up every path once (JIT, caches), then alternate.
texts.forEach((t) => slimfile.check(t, { settings }) && slimfile.parse(t))
for (let r = 0; r < rounds; r++) {
  const rust = JSON.parse(execFileSync(rustApi, [list, '1'], { encoding: 'utf8' })) // [[wall, CPU]] each
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
  const [start, cpu] = [process.hrtime.bigint(), process.cpuUsage()]
  const reports = await slimfile.checkFiles(devFiles)
  const used = process.cpuUsage(cpu)
  return {
    time: [Number(process.hrtime.bigint() - start) / 1e9, (used.user + used.system) / 1e6],
    errors: reports.filter((r) => r.error).length,
    found: reports.reduce((n, r) => n + (r.diagnostics ? r.diagnostics.length : 0), 0),
  }
}
function cliRun() {
  // The whole list through xargs, so that no command line is too long (a few processes);
  // /usr/bin/time adds up their CPU time.
  const cpuFile = path.join(os.tmpdir(), `slimfile-cli-cpu-${process.pid}`)
  const start = process.hrtime.bigint()
  const script = `/usr/bin/time -f '%U %S' -o "$3" xargs -d '\\n' -a "$1" "$2" check --no-config --format json > /dev/null; s=$?; [ $s = 0 ] || [ $s = 123 ]`
  execFileSync('sh', ['-c', script, 'sh', devList, cli, cpuFile], { stdio: 'ignore' })
  const wall = Number(process.hrtime.bigint() - start) / 1e9
  const [user, system] = fs.readFileSync(cpuFile, 'utf8').trim().split('\n').pop().split(' ').map(Number)
  fs.unlinkSync(cpuFile)
  return [wall, user + system]
}
const devList = path.join(os.tmpdir(), `slimfile-dev-${process.pid}.txt`)
fs.writeFileSync(devList, devFiles.join('\n') + '\n')

;(async () => {
  const dev = []
  const cliTimes = []
  for (let r = 0; r < Math.min(rounds, 3); r++) {
    cliTimes.push(cliRun())
    dev.push(await devRun())
  }
  fs.unlinkSync(devList)
  const d = best(dev.map((x) => x.time))
  const c = best(cliTimes)

  const mb = bytes / 1e6
  const ms = (x) => `${(x * 1000).toFixed(0)} ms`
  const row = (name, [wall, cpu]) => `| ${name} | ${ms(cpu)} | ${Math.round(files.length / cpu).toLocaleString('en')} | ${(mb / cpu).toFixed(1)} | ${ms(wall)} |`
  const ratio = (a, b) => (m[a][1] / m[b][1]).toFixed(1)
  const cost = (js, rust) => `+${((m[js][1] / m[rust][1] - 1) * 100).toFixed(0)}% (${(((m[js][1] - m[rust][1]) / files.length) * 1e6).toFixed(1)} µs a call)`
  const out = [
    `Sample: ${files.length} files, ${mb.toFixed(1)} MB, in memory, one Node ${process.version} process; best of ${rounds} rounds; load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} CPUs.`,
    '',
    '| what | CPU time | files/s | MB/s | wall time |',
    '|---|---|---|---|---|',
    row('slimfile `check` (npm)', m.check),
    row('slimfile `check` (Rust API)', m.rustCheck),
    row('dockerfile-utils 0.16.3 `validate`', m.validate),
    row('slimfile `parse` (npm)', m.parse),
    row('slimfile `parse` (Rust API)', m.rustParse),
    row('dockerfile-ast 0.7.1 `DockerfileParser.parse`', m.astParse),
    '',
    `- check: ${ratio('validate', 'check')}× dockerfile-utils (target ≥ 50×); parse: ${ratio('astParse', 'parse')}× dockerfile-ast (target ≥ 20×).`,
    `- what the binding adds to the Rust API: check ${cost('check', 'rustCheck')}, parse ${cost('parse', 'rustParse')} (target ≤ 20%).`,
    '',
    `Dev corpus: ${devFiles.length.toLocaleString('en')} files, ${(devBytes / 1e6).toFixed(0)} MB, from disk, each with its directory as build context, no config files; best of ${Math.min(rounds, 3)} rounds.`,
    '',
    '| what | CPU time | wall time | files/s (wall) |',
    '|---|---|---|---|',
    `| \`checkFiles\` (npm, ${os.availableParallelism()} threads, results as objects) | ${d[1].toFixed(2)} s | ${d[0].toFixed(2)} s | ${Math.round(devFiles.length / d[0]).toLocaleString('en')} |`,
    `| \`slimfile check --no-config --format json\` (CLI, output to /dev/null) | ${c[1].toFixed(2)} s | ${c[0].toFixed(2)} s | ${Math.round(devFiles.length / c[0]).toLocaleString('en')} |`,
    '',
    `- checkFiles: ${dev[0].found.toLocaleString('en')} findings, ${dev[0].errors} files refused (binary, not UTF-8, ...).`,
  ]
  console.log(out.join('\n'))
  console.log(JSON.stringify({ files: files.length, bytes, best: m, dev: { files: devFiles.length, bytes: devBytes, checkFiles: d, cli: c } }))
})()
