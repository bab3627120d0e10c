'use strict'
// `npm run build`, then a failure when the files napi-rs generates from src/ (index.d.ts,
// binding.js) changed: they are committed, so a change to the Rust API must come with them
// regenerated. After a failure the fresh files are in place, ready to review and commit.

const fs = require('node:fs')
const path = require('node:path')
const { execFileSync } = require('node:child_process')

const dir = path.resolve(__dirname, '..')
const generated = ['index.d.ts', 'binding.js']
const read = (f) => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), 'utf8') : null)

const before = generated.map(read)
execFileSync('npm', ['run', 'build'], { cwd: dir, stdio: 'inherit' })
const stale = generated.filter((f, i) => read(f) !== before[i])
if (stale.length > 0) {
  console.error(`bindings-node: ${stale.join(' and ')} did not match the Rust sources (src/lib.rs, src/header.d.ts).`)
  console.error('They are regenerated now: review the change (git diff) and commit it.')
  process.exit(1)
}
console.log(`bindings-node: ${generated.join(' and ')} are up to date.`)
