#!/usr/bin/env node
// Generates crates/caniuse/data/caniuse.txt, the base-library availability database wxemu
// embeds, and crates/caniuse/tests/sample.txt, schemas drawn from the sources for its test.
//
//   cd scripts/caniuse && npm install && node generate.js
//
// Sources (versions pinned in package.json and recorded in the output):
// - miniprogram-api-typings: every wx API, class method, parameter field, option value,
//   success/callback field and return field, with the base library that introduced it
//   (`需要基础库： \`x.y.z\`` in the doc comments; option values also by "[x.y.z](…)及以上版本支持")
//   and the version that deprecated it (`@deprecated 基础库版本 [x.y.z]`). A member without
//   a version is as old as what holds it (1.0.0 at the top).
// - components.json (the component docs tables, a copy of ../shared/data/components.json):
//   component, component.attribute and component.attribute.option, each at the max of the
//   versions along its path; an attribute or option with no version of its own takes its
//   component's (the file's conventions say so).
// - miniprogram-versions: the versions users run, with the share of users on each.
// - app-json.tsv: app.json keys with the base library that introduced them, from the docs.
'use strict'
const fs = require('fs')
const path = require('path')
const ts = require('typescript')

const repo = path.resolve(__dirname, '..', '..')
const typings = path.join(path.dirname(require.resolve('miniprogram-api-typings/package.json')), 'types', 'wx')
const FILES = ['lib.wx.api.d.ts', 'lib.wx.canvas.d.ts', 'lib.wx.cloud.d.ts', 'lib.wx.wasm.d.ts']
const MAX_DEPTH = 3

/** "1.9.0" → [1, 9, 0] for comparing. */
const parts = (v) => v.split('.').map(Number)
const compare = (a, b) => {
  const [x, y] = [parts(a), parts(b)]
  for (let i = 0; i < 3; i++) if ((x[i] || 0) !== (y[i] || 0)) return (x[i] || 0) - (y[i] || 0)
  return 0
}
const max = (a, b) => (compare(a, b) >= 0 ? a : b)

// The namespace's interfaces (declarations merged) and type aliases, with their doc comments.
const interfaces = new Map()
const aliases = new Map()
function docOf(node, text) {
  const ranges = ts.getLeadingCommentRanges(text, node.pos) || []
  const docs = ranges.map((r) => text.slice(r.pos, r.end)).filter((c) => c.startsWith('/**'))
  return docs.length ? docs[docs.length - 1] : ''
}
for (const file of FILES) {
  const text = fs.readFileSync(path.join(typings, file), 'utf8')
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  const visit = (node) => {
    if (ts.isInterfaceDeclaration(node)) {
      const entry = interfaces.get(node.name.text) || { members: [], doc: docOf(node, text) }
      for (const m of node.members) entry.members.push({ node: m, doc: docOf(m, text), typeParameters: node.typeParameters })
      interfaces.set(node.name.text, entry)
    } else if (ts.isTypeAliasDeclaration(node)) {
      aliases.set(node.name.text, node)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
}

const since = (doc) => (doc.match(/需要基础库[：:]\s*`(\d+\.\d+\.\d+)`/) || [])[1]
const deprecatedAt = (doc) => (doc.match(/@deprecated\s*基础库版本\s*\[(\d+\.\d+\.\d+)\]/) || [])[1]
const nameOf = (m) => (m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) ? m.name.text : undefined)

/** The interface a type node names (through generic parameters, arrays and aliases), if any. */
function target(type, typeParameters) {
  if (!type) return undefined
  if (ts.isArrayTypeNode(type)) return target(type.elementType, typeParameters)
  if (ts.isParenthesizedTypeNode(type)) return target(type.type, typeParameters)
  if (ts.isUnionTypeNode(type)) return type.types.map((t) => target(t, typeParameters)).find(Boolean)
  if (!ts.isTypeReferenceNode(type)) return undefined
  const name = type.typeName.getText()
  const parameter = (typeParameters || []).find((p) => p.name.text === name)
  if (parameter) return target(parameter.constraint || parameter.default, typeParameters)
  if (interfaces.has(name)) return name
  const alias = aliases.get(name)
  if (alias && !ts.isFunctionTypeNode(alias.type)) return target(alias.type, alias.typeParameters)
  return undefined
}

/** The interface of the first parameter of a callback type (`(result: R) => void`). */
function callbackResult(type, typeParameters) {
  if (!type) return undefined
  if (ts.isUnionTypeNode(type)) return type.types.map((t) => callbackResult(t, typeParameters)).find(Boolean)
  let fn = type
  if (ts.isTypeReferenceNode(type)) {
    const alias = aliases.get(type.typeName.getText())
    if (!alias) return undefined
    fn = alias.type
    typeParameters = alias.typeParameters
  }
  if (!ts.isFunctionTypeNode(fn) || fn.parameters.length === 0) return undefined
  return target(fn.parameters[0].type, typeParameters)
}

/** String literal values of a union type ('a' | 'b'). */
function literals(type) {
  if (!type) return []
  if (ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal)) return [type.literal.text]
  if (ts.isUnionTypeNode(type)) return type.types.flatMap(literals)
  return []
}

/** Versions given to single option values in a field's doc. */
function optionVersions(doc) {
  const found = {}
  for (const m of doc.matchAll(/- '([^']+)': [^\n]*?\[(\d+\.\d+\.\d+)\]\([^)]*compatibility[^)]*\)及以上版本支持/g)) found[m[1]] = m[2]
  return found
}

const schemas = new Map()
const deprecated = new Map()
function add(schema, version) {
  const known = schemas.get(schema)
  // The same schema reached twice (e.g. through two paths): the earlier version stands.
  if (!known || compare(version, known) < 0) schemas.set(schema, version)
}

/** The fields of interface `name` under `prefix`, recursively. */
function fields(prefix, name, version, depth, seen) {
  const entry = interfaces.get(name)
  if (!entry || depth > MAX_DEPTH || seen.has(name)) return
  const inside = new Set(seen).add(name)
  for (const { node, doc, typeParameters } of entry.members) {
    const field = nameOf(node)
    if (!field || !ts.isPropertySignature(node)) continue
    const at = max(version, since(doc) || version)
    const schema = `${prefix}.${field}`
    add(schema, at)
    const gone = deprecatedAt(doc)
    if (gone) deprecated.set(schema, gone)
    const perValue = optionVersions(doc)
    for (const value of literals(node.type)) add(`${schema}.${value}`, max(at, perValue[value] || at))
    const inner = target(node.type, typeParameters)
    if (inner) fields(schema, inner, at, depth + 1, inside)
  }
}

/** A method of wx or of a class: the method, then its object/success/callback/return fields. */
function method(schema, member, version) {
  const { node, doc, typeParameters } = member
  const at = max(version, since(doc) || version)
  add(schema, at)
  const gone = deprecatedAt(doc)
  if (gone) deprecated.set(schema, gone)
  const typeParams = [...(node.typeParameters || []), ...(typeParameters || [])]
  const first = node.parameters && node.parameters[0]
  if (first) {
    const listener = callbackResult(first.type, typeParams)
    const option = target(first.type, typeParams)
    if (listener) fields(`${schema}.callback`, listener, at, 1, new Set())
    else if (option) {
      fields(`${schema}.object`, option, at, 1, new Set())
      const success = interfaces.get(option).members.find((m) => nameOf(m.node) === 'success')
      const result = success && callbackResult(success.node.type, success.typeParameters)
      if (result) fields(`${schema}.success`, result, at, 1, new Set())
    }
  }
  const returned = target(node.type, typeParams)
  if (returned && !/Promise/.test(node.type.getText())) fields(`${schema}.return`, returned, at, 1, new Set())
}

// Methods are found by their doc link: …/api/…/<holder>.<name>.html, holder `wx` for wx.*.
let apis = 0
for (const [, entry] of interfaces) {
  for (const member of entry.members) {
    if (!ts.isMethodSignature(member.node)) continue
    const link = member.doc.match(/\]\(https:\/\/developers\.weixin\.qq\.com\/miniprogram\/dev\/api\/[^)\s]*\/(\w+)\.(\w+)\.html\)/)
    if (!link || link[2] !== nameOf(member.node)) continue
    const holder = link[1]
    const classSince = since(entry.doc) || '1.0.0'
    method(holder === 'wx' ? link[2] : `${holder}.${link[2]}`, member, holder === 'wx' ? '1.0.0' : classSince)
    apis++
  }
}

// Components, attributes and options from the docs tables.
const componentsFile = path.join(__dirname, 'components.json')
const components = JSON.parse(fs.readFileSync(componentsFile, 'utf8'))
for (const [name, component] of Object.entries(components.components)) {
  const base = component.since || '1.0.0'
  add(name, base)
  for (const [attr, a] of Object.entries(component.attributes || {})) {
    const at = max(base, a.since || base)
    add(`${name}.${attr}`, at)
    for (const [option, v] of Object.entries(a.options || {})) add(`${name}.${attr}.${option}`, max(at, v || at))
  }
}

// app.json (and page .json window) keys, from the docs table copied in app-json.tsv.
const config = new Map()
for (const line of fs.readFileSync(path.join(__dirname, 'app-json.tsv'), 'utf8').split('\n')) {
  if (!line || line.startsWith('#')) continue
  const [key, version] = line.split('\t')
  config.set(key, version)
}

// The versions: every version the sources name, with the share of users where known.
const shares = require('miniprogram-versions').versions
const versions = new Map(shares.map((v) => [v.sdkVer, v.percentage]))
for (const v of [...schemas.values(), ...deprecated.values(), ...config.values(), '1.0.0']) if (!versions.has(v)) versions.set(v, undefined)
const sorted = [...versions.keys()].sort(compare)

const pkg = (name) => require(`${name}/package.json`).version
const out = []
out.push('# wxemu base-library database. Generated by scripts/caniuse/generate.js; do not edit.')
out.push(`# sources: miniprogram-api-typings ${pkg('miniprogram-api-typings')}, miniprogram-versions ${pkg('miniprogram-versions')} (shares of ${new Date(require('miniprogram-versions').updateTime * 1000).toISOString().slice(0, 10)}), components.json (${components.mirror_commit_date})`)
out.push('@versions\tversion, tab, percent of users where known')
for (const v of sorted) out.push(versions.get(v) === undefined ? v : `${v}\t${versions.get(v)}`)
out.push('@schemas\tschema, tab, the version that introduced it')
for (const s of [...schemas.keys()].sort()) out.push(`${s}\t${schemas.get(s)}`)
out.push('@deprecated\tschema, tab, the version that deprecated it')
for (const s of [...deprecated.keys()].sort()) out.push(`${s}\t${deprecated.get(s)}`)
out.push('@config\tapp.json key path (window.* also for page .json), tab, the version that introduced it')
for (const k of [...config.keys()].sort()) out.push(`${k}\t${config.get(k)}`)
const data = path.join(repo, 'crates', 'caniuse', 'data', 'caniuse.txt')
fs.mkdirSync(path.dirname(data), { recursive: true })
fs.writeFileSync(data, out.join('\n') + '\n')

// The test sample: every 40th schema introduced after 1.0.0, with the version just before.
const previous = (v) => sorted[sorted.indexOf(v) - 1]
const newer = [...schemas.keys()].sort().filter((s) => schemas.get(s) !== '1.0.0')
const sample = newer.filter((_, i) => i % Math.floor(newer.length / 400) === 0)
const lines = ['# schema, the version that introduced it, the version just before (tab-separated). Generated by scripts/caniuse/generate.js.']
for (const s of sample) lines.push(`${s}\t${schemas.get(s)}\t${previous(schemas.get(s))}`)
const sampleFile = path.join(repo, 'crates', 'caniuse', 'tests', 'sample.txt')
fs.mkdirSync(path.dirname(sampleFile), { recursive: true })
fs.writeFileSync(sampleFile, lines.join('\n') + '\n')
console.log(`${apis} methods, ${schemas.size} schemas, ${deprecated.size} deprecated, ${sorted.length} versions, ${sample.length} sampled`)
