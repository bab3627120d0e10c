'use strict'
// The package as npm users get it: `npm pack` of the main package and of the platform
// package (npm/linux-x64-gnu, holding the .node file, as napi-rs projects publish), both
// installed into a fresh project, then used from CommonJS, from ES modules and from
// TypeScript (the example, compiled with --strict and run).

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { execFileSync } = require('node:child_process')

const { tempDir } = require('./helpers')

const pkg = path.resolve(__dirname, '..')
const manifest = require('../package.json')
const platform = 'linux-x64-gnu'
const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' })
const node = (args, cwd) => execFileSync(process.execPath, args, { cwd, encoding: 'utf8' })

test('npm pack gives packages that a fresh project installs and uses', { skip: process.platform !== 'linux' || process.arch !== 'x64' }, () => {
  const work = tempDir()

  // The main package: the loader, the types, the README; no binary.
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', work], pkg))
  const files = packed.files.map((f) => f.path).sort()
  assert.deepEqual(files, ['README.md', 'binding.js', 'index.d.ts', 'index.js', 'package.json'])
  assert.equal(packed.name, 'slimfile')

  // The platform package, as `napi artifacts` fills it before publishing.
  const stage = path.join(work, platform)
  fs.mkdirSync(stage)
  for (const f of ['package.json', 'README.md']) fs.copyFileSync(path.join(pkg, 'npm', platform, f), path.join(stage, f))
  fs.copyFileSync(path.join(pkg, `slimfile.${platform}.node`), path.join(stage, `slimfile.${platform}.node`))
  const [native] = JSON.parse(npm(['pack', '--json', '--pack-destination', work], stage))
  assert.equal(native.name, `slimfile-${platform}`)
  assert.equal(native.version, manifest.version)

  // A fresh project installs both tarballs, without the network.
  const app = path.join(work, 'app')
  fs.mkdirSync(app)
  fs.writeFileSync(path.join(app, 'package.json'), '{"name": "app", "private": true}\n')
  npm(['install', '--offline', path.join(work, packed.filename), path.join(work, native.filename)], app)
  assert.ok(!fs.readdirSync(path.join(app, 'node_modules', 'slimfile')).some((f) => f.endsWith('.node')))

  const cjs = `const s = require('slimfile'); const b = require.resolve('slimfile-${platform}')
console.log(s.check('FROM debian:12\\nRUN apt-get update && apt-get install -y curl\\n').map((d) => d.code).join(','), b.includes('node_modules/slimfile-${platform}/'))`
  assert.equal(node(['-e', cjs], app).trim(), 'DL3009,DL3015 true')
  const esm = `import { check, parse } from 'slimfile'
console.log(check('FROM debian:12\\nRUN apt-get update && apt-get install -y curl\\n').length, parse('FROM a\\n').instructions[0].cmd)`
  assert.equal(node(['--input-type=module', '-e', esm], app).trim(), '2 FROM')

  // TypeScript: the example against the installed types, --strict, then run.
  fs.copyFileSync(path.join(pkg, 'examples', 'usage.ts'), path.join(app, 'usage.ts'))
  const tsc = path.join(pkg, 'node_modules', 'typescript', 'bin', 'tsc')
  node([tsc, '--strict', '--module', 'nodenext', '--target', 'es2022', '--typeRoots', path.join(pkg, 'node_modules', '@types'), '--types', 'node', '--outDir', 'out', 'usage.ts'], app)
  const out = node(['out/usage.js'], app)
  assert.match(out, /SF101 \[error\] Final image on the full `node:22`/)
  assert.match(out, /Dockerfile: \d+ findings/)
  assert.match(out, /missing: .*no such file/)
})
