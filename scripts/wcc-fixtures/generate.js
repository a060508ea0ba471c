#!/usr/bin/env node
// Generates the expected output of the WXML conformance suite with the official compiler.
//
//   cd scripts/wcc-fixtures && npm install && node generate.js [CASE…]
//
// Each folder under tests/wxml/ is one case: index.wxml (plus any .wxml/.wxs it uses) and
// data.json. wcc (from the npm package miniprogram-compiler, Linux binary) compiles every
// .wxml and .wxs of the case the way the DevTools call it (paths starting with ./); the
// generated $gwx renders ./index.wxml with the data, and the tree is written to
// expected.json in the shape `wxemu dump` prints: elements {tag, attrs, children[,
// generics]} without wcc's "wx-" prefix, text nodes {text}.
'use strict'
const fs = require('fs')
const path = require('path')
const { spawnSync } = require('child_process')
const vm = require('vm')

const { compiler, filesWith, generate } = require('./cases')

const wcc = compiler('wcc')

function convert(node) {
  if (typeof node !== 'object') return { text: String(node) }
  const strip = (s) => String(s).replace(/^wx-/, '')
  const attrs = {}
  for (const key of Object.keys(node.attr || {}).sort()) attrs[key] = node.attr[key]
  const out = { tag: strip(node.tag), attrs, children: (node.children || []).map(convert) }
  const generics = node.generics || {}
  if (Object.keys(generics).length) {
    out.generics = {}
    for (const key of Object.keys(generics)) out.generics[strip(key)] = strip(generics[key])
  }
  return out
}

function render(caseDir) {
  const args = ['-d', '-cc', '0', ...filesWith(caseDir, '.wxml'), ...filesWith(caseDir, '.wxs'), '-gn', '$gwx']
  const run = spawnSync(wcc, args, { cwd: caseDir })
  if (run.status !== 0) throw new Error(`wcc failed: ${run.stderr}`)
  // wcc's runtime keeps state in globals: give every case a fresh global object.
  const sandbox = { console, __wxAppCode__: {} }
  sandbox.window = sandbox
  vm.createContext(sandbox)
  const $gwx = vm.runInContext(`(function (global) {${run.stdout};return $gwx})({})`, sandbox)
  sandbox.data = fs.readFileSync(path.join(caseDir, 'data.json'), 'utf8')
  const root = $gwx('./index.wxml')(vm.runInContext('JSON.parse(data)', sandbox), {}, {})
  return JSON.parse(JSON.stringify(root)).children.map(convert)
}

generate('wxml', 'expected.json', (dir) => JSON.stringify(render(dir), null, 2) + '\n')
