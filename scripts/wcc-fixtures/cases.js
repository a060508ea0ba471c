// What both generators share: the official compiler binaries, the case folders, and
// writing one expected file per case.
'use strict'
const fs = require('fs')
const path = require('path')

const compilerDir = path.dirname(require.resolve('miniprogram-compiler/package.json'))

/** The Linux binary of the official compiler `name` (wcc or wcsc), made executable. */
function compiler(name) {
  const bin = path.join(compilerDir, 'bin', 'linux', name)
  fs.chmodSync(bin, 0o755)
  return bin
}

/** Files under `dir` ending in `ext`, as ./relative paths, sorted. */
function filesWith(dir, ext, rel = '.') {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const p = `${rel}/${e.name}`
    if (e.isDirectory()) return filesWith(dir, ext, p)
    return e.name.endsWith(ext) ? [p] : []
  }).sort()
}

/**
 * For each case folder of tests/<suite> (or those named on the command line), writes
 * `file` with what `produce(caseDir)` returns; exits non-zero if any case failed.
 */
function generate(suite, file, produce) {
  const casesDir = path.resolve(__dirname, '..', '..', 'tests', suite)
  const only = process.argv.slice(2)
  let failed = 0
  for (const name of fs.readdirSync(casesDir).sort()) {
    if (only.length && !only.includes(name)) continue
    const dir = path.join(casesDir, name)
    try {
      fs.writeFileSync(path.join(dir, file), produce(dir))
      console.log(`ok   ${name}`)
    } catch (e) {
      failed++
      console.error(`FAIL ${name}: ${String(e.stack || e).split('\n')[0]}`)
    }
  }
  process.exit(failed ? 1 : 0)
}

module.exports = { compiler, filesWith, generate }
