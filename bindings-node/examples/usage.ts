// Every verb of the package, typed: compiled with `tsc --strict` by `make node-test`, and
// compiled and run in a fresh project by the pack test (test/pack.test.js).
import { check, checkFiles, fix, parse, rule, rules, Context, Settings } from 'slimfile'
import type { Diagnostic, FileReport, FixResult, ParseView, RuleInfo, Severity } from 'slimfile'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const source = 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD ["node", "server.js"]\n'

// check: findings with UTF-16 spans, so `source.slice(...span)` is the flagged text.
const settings = new Settings({ ignore: ['DL3008'], severity: { size: 'error' }, failLevel: 'error' })
const context = new Context({ files: [{ path: 'package.json', size: 600 }, { path: 'server.js', size: 900 }] })
const found: Diagnostic[] = check(source, { settings, context })
for (const d of found) {
  const severity: Severity = d.severity
  const flagged: string = source.slice(d.span[0], d.span[1])
  const saves = d.savings_bytes === null ? '' : ` (saves ${(d.savings_bytes / 1e6).toFixed(0)} MB)`
  console.log(`${d.range.start.line}:${d.range.start.column} ${d.code} [${severity}] ${d.message}${saves}: ${flagged}`)
  if (d.fix) console.log(`  fix (${d.fix.applicability}): ${d.fix.title}, ${d.fix.edits.length} edit(s)`)
}

// fix: the rewritten text, what was applied and what is left.
const fixed: FixResult = fix(source, { context, unsafe: true, only: ['cache', 'SF101'] })
console.log(fixed.text)
console.log(fixed.applied.map((a) => `${a.code} (pass ${a.pass})`).join(', '), `saved ${fixed.saved_bytes} bytes`)

// parse: BuildKit's view.
const view: ParseView = parse(source)
console.log(view.instructions.map((i) => `${i.cmd ?? '?'} ${i.value.join(' ')}`).join('\n'))

// rules and rule: the catalogue.
const all: RuleInfo[] = rules()
const one: RuleInfo | null = rule('apt-install-recommends')
console.log(`${all.length} rules; ${one?.code}: ${one?.summary}`)

// checkFiles: files on worker threads, each with its own directory as build context.
async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'slimfile-example-'))
  writeFileSync(join(dir, 'Dockerfile'), source)
  writeFileSync(join(dir, 'package.json'), '{"name": "app"}\n')
  const reports: FileReport[] = await checkFiles([join(dir, 'Dockerfile'), join(dir, 'missing')], { settings })
  for (const report of reports) {
    if (report.error !== undefined) console.log(`${report.path}: ${report.error}`)
    else console.log(`${report.path}: ${report.diagnostics.length} findings`)
  }
  console.log(JSON.stringify(Settings.fromFile.name), JSON.stringify(Context.fromDir(dir).files?.map((f) => f.path)))
}

main().catch((e: unknown) => {
  console.error(e)
  process.exitCode = 1
})
