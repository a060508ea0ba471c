#!/usr/bin/env node
// Generates the expected output of the WXSS conformance suite with the official compiler.
//
//   cd scripts/wcc-fixtures && npm install && node generate-wxss.js [CASE…]
//
// Each folder under tests/wxss/ is one case: index.wxss plus the files it imports. wcsc (from
// the npm package miniprogram-compiler, Linux binary) compiles index.wxss with every .wxss of
// the case listed, as the DevTools do (`wcsc -js ./index.wxss ./…`). Its output is a script
// that builds the CSS text at run time, converting rpx for the screen; it runs here in a
// fresh VM context as on an iPhone 6 (375 px wide, device pixel ratio 2, iOS user agent), and
// the CSS it puts in the page's <style> is written to expected.css.
'use strict'
const fs = require('fs')
const path = require('path')
const { spawnSync } = require('child_process')
const vm = require('vm')

const { compiler, filesWith, generate } = require('./cases')

const wcsc = compiler('wcsc')

function compile(caseDir) {
  const others = filesWith(caseDir, '.wxss').filter((f) => f !== './index.wxss')
  const run = spawnSync(wcsc, ['-js', './index.wxss', ...others], { cwd: caseDir })
  if (run.status !== 0 || /^ERR:/m.test(run.stdout)) throw new Error(`wcsc failed: ${run.stdout}${run.stderr}`)
  const styles = []
  const element = () => ({ childNodes: [], setAttribute() {}, appendChild(n) { this.childNodes.push(n) } })
  const sandbox = {
    navigator: { userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 16_0 like Mac OS X)' },
    document: {
      head: { appendChild(s) { styles.push(s) } },
      createElement: element,
      createTextNode: (text) => ({ nodeValue: text }),
    },
    console,
  }
  sandbox.window = Object.assign(sandbox, { screen: { width: 375, height: 667 }, devicePixelRatio: 2 })
  vm.createContext(sandbox)
  // In -js mode wcsc leaves a printf placeholder where the shared stylesheets would go.
  vm.runInContext(run.stdout.toString().replace(/^%s$/m, ''), sandbox)
  if (styles.length !== 1) throw new Error(`expected one <style>, got ${styles.length}`)
  return styles[0].childNodes.map((n) => n.nodeValue).join('')
}

generate('wxss', 'expected.css', compile)
