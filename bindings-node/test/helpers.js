'use strict'
// What the tests share: the package under test, the sample corpus, the `slimfile` command.

const fs = require('node:fs')
const path = require('node:path')
const os = require('node:os')
const { execFileSync } = require('node:child_process')

const root = path.resolve(__dirname, '..', '..')
const sample = path.resolve(root, '..', 'shared', 'corpus', 'sample')

/** Every file of the sample corpus, sorted. */
function sampleFiles() {
  const files = []
  for (const dir of fs.readdirSync(sample).sort()) {
    for (const name of fs.readdirSync(path.join(sample, dir)).sort()) files.push(path.join(sample, dir, name))
  }
  return files
}

/** The `slimfile` command (built by `make node-test`, or named by SLIMFILE_BIN). */
function cli() {
  const bin = process.env.SLIMFILE_BIN || path.join(root, 'target', 'release', 'slimfile')
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: cargo build --release -p slimfile-cli`)
  return bin
}

/** Runs the command; its stdout (exit status 1 means findings, not failure). */
function runCli(args) {
  try {
    return execFileSync(cli(), args, { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (e) {
    if (e.status === 1) return e.stdout
    throw e
  }
}

/** A fresh temporary directory with these files (name → text). */
function tempDir(files = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slimfile-node-'))
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    fs.writeFileSync(path.join(dir, name), text)
  }
  return dir
}

module.exports = { root, sample, sampleFiles, cli, runCli, tempDir }
