#!/usr/bin/env node
// Generates the expected output of the component suite with the official framework.
//
//   cd scripts/simulate-fixtures && npm install && node generate.js [CASE…]
//
// Each folder under tests/components/ is one case: a root component `index` (index.json,
// index.js, index.wxml) plus the components it uses, and case.json with steps to run after
// the first render: { "steps": [ { "tap": ["#child", "#button"] } ] } taps an element found
// by a chain of selectors, each one inside the previous component. miniprogram-simulate
// (the official exparser in jsdom) renders the root, runs the steps, and expected.json
// records what `console.log` printed (with "--- step N" between steps) and the composed
// tree in the shape the Rust test compares: elements {tag, attrs: {class, id, slot}, children}
// without the "wx-" prefix, text nodes {text}.
'use strict'
const fs = require('fs')
const path = require('path')
const { JSDOM } = require('jsdom')
const { spawnSync } = require('child_process')

const dom = new JSDOM('<!doctype html><html><body></body></html>')
global.window = dom.window
global.document = dom.window.document
// j-component builds events with the global constructors: they must be jsdom's, not Node's.
for (const name of ['Event', 'CustomEvent', 'TouchEvent', 'Touch']) if (dom.window[name]) global[name] = dom.window[name]
const simulate = require('miniprogram-simulate')

const casesDir = path.resolve(__dirname, '..', '..', 'tests', 'components')
const KEPT_ATTRS = ['class', 'id', 'slot']

function convert(node) {
  if (typeof node !== 'object') return { text: String(node) }
  const attrs = {}
  for (const { name, value } of node.attrs || []) if (KEPT_ATTRS.includes(name) && value !== undefined) attrs[name] = String(value)
  return { tag: String(node.tagName).replace(/^wx-/, ''), attrs, children: (node.children || []).map(convert) }
}

async function run(caseDir) {
  const log = []
  const original = console.log
  console.log = (...args) => log.push(args.map(String).join(' '))
  try {
    const id = simulate.load(path.join(caseDir, 'index'), 'index', { rootPath: caseDir })
    const root = simulate.render(id)
    root.attach(document.createElement('parent-wrapper'))
    await simulate.sleep(0)
    const steps = JSON.parse(fs.readFileSync(path.join(caseDir, 'case.json'), 'utf8')).steps || []
    for (let i = 0; i < steps.length; i++) {
      log.push(`--- step ${i + 1}`)
      let target = root
      for (const selector of steps[i].tap) {
        target = target.querySelector(selector)
        if (!target) throw new Error(`no element matches ${selector}`)
      }
      target.dispatchEvent('tap')
      await simulate.sleep(0)
    }
    return { log, tree: root.toJSON().children.map(convert) }
  } finally {
    console.log = original
  }
}

// The compiled templates keep state in globals, so every case runs in a process of its own.
async function main() {
  if (process.argv[2] === '--one') {
    const dir = path.join(casesDir, process.argv[3])
    const expected = await run(dir)
    fs.writeFileSync(path.join(dir, 'expected.json'), JSON.stringify(expected, null, 2) + '\n')
    console.log(`${process.argv[3]}: ${expected.log.length} log lines`)
    return
  }
  const only = process.argv.slice(2)
  let failed = 0
  for (const name of fs.readdirSync(casesDir).sort()) {
    if (only.length && !only.includes(name)) continue
    const child = spawnSync(process.execPath, [__filename, '--one', name], { encoding: 'utf8' })
    process.stdout.write(child.stdout)
    if (child.status !== 0) {
      failed++
      console.error(`${name}: FAILED\n${child.stderr}`)
    }
  }
  process.exit(failed ? 1 : 0)
}

main()
