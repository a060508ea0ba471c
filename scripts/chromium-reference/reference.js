#!/usr/bin/env node
// Compares wxemu's pictures of the visual suite's pages with the same WXML + WXSS rendered by
// headless Chromium (Debian's chromium package), the WebView reference.
//
//   apt-get install chromium fonts-noto-color-emoji && cd scripts/chromium-reference && npm install
//   cargo build --release && node reference.js > ../../tests/visual/reference.md
// (the ui-libs pages need the npm packages the test suite installs in tests/apps/ui-libs)
//   node reference.js style-isolation todo-index   # just these pages
//
// For each page: the composed tree comes from `wxemu dump` (its WXML rendering is checked
// against the official compiler), the page's app.wxss and .wxss are compiled by the official
// compiler wcsc for an iPhone 6 (from the project as `wxemu build` writes it, so npm
// packages are in miniprogram_npm and Less/Sass are WXSS; each sheet with those it
// imports), and the built-in components' default styles are wxemu's
// (`wxemu dump --built-in-styles`, tags prefixed wx- as in the WebView). Custom components are
// put in the page as the WebView's framework does it: `wxemu dump --components` says which
// component wrote each element and how each component is styled, class names get the
// component's style-scope prefix as glass-easel writes them, and each component's .wxss is
// compiled by wcsc the way the base library does (`-pc`: `:host` → `[is="path"]`, class
// selectors prefixed). The HTML is shot at
// 375 px × the page's viewport, device pixel ratio 2; wxemu's shot of the same page is
// cropped to the page's area (below the navigation bar, above the tab bar). Every screen of
// a page taller than one is compared: both are scrolled a screen at a time. Agreement is the
// share of pixels, over all of a page's screens, whose colour differs by at most 16 in every
// channel.
'use strict'
const fs = require('fs')
const os = require('os')
const path = require('path')
const { execFileSync, spawnSync } = require('child_process')
const { PNG } = require('pngjs')

const repo = path.resolve(__dirname, '..', '..')
const wxemu = path.join(repo, 'target', 'release', 'wxemu')
const wcsc = path.join(path.dirname(require.resolve('miniprogram-compiler/package.json')), 'bin', 'linux', 'wcsc')
fs.chmodSync(wcsc, 0o755)
const SCREEN = { width: 375, height: 667, dpr: 2, top: 64, tabBar: 49 }
const TOLERANCE = 16

/** Runs wcsc's JavaScript output `code` as the WebView would; returns the CSS text it puts
 * in the page's <style> elements, leaving out those of `skipPath`. */
function runCompiled(code, skipPath) {
  const styles = []
  const element = () => ({ childNodes: [], attrs: {}, setAttribute(k, v) { this.attrs[k] = v }, appendChild(n) { this.childNodes.push(n) } })
  const sandbox = {
    navigator: { userAgent: 'iPhone' },
    document: { head: { appendChild(s) { styles.push(s) } }, createElement: element, createTextNode: (t) => ({ nodeValue: t }) },
  }
  sandbox.window = Object.assign(sandbox, { screen: { width: SCREEN.width, height: SCREEN.height }, devicePixelRatio: SCREEN.dpr })
  require('vm').runInNewContext(code, sandbox)
  return styles.filter((s) => skipPath === undefined || s.attrs['wxss:path'] !== skipPath).map((s) => s.childNodes.map((n) => n.nodeValue).join('')).join('\n')
}

function wcscRun(root, args) {
  const run = spawnSync(wcsc, args, { cwd: root })
  if (run.status !== 0 || /^ERR:/m.test(run.stdout)) throw new Error(`wcsc ${args.join(' ')}: ${run.stdout}${run.stderr}`)
  return run.stdout.toString()
}

/** `file` (root-relative) and the style sheets it imports, all of them, as wcsc takes them. */
function withImports(root, file, found = new Set()) {
  const at = `./${path.posix.normalize(file)}`
  if (found.has(at) || !fs.existsSync(path.join(root, file))) return found
  found.add(at)
  for (const [, target] of fs.readFileSync(path.join(root, file), 'utf8').matchAll(/@import\s+["']([^"']+)["']/g)) {
    withImports(root, target.startsWith('/') ? target.slice(1) : path.posix.join(path.posix.dirname(file), target), found)
  }
  return found
}

/** The CSS wcsc puts in the page for `file` (root-relative) on an iPhone 6. */
function compileWxss(root, file) {
  if (!fs.existsSync(path.join(root, file))) return ''
  return runCompiled(wcscRun(root, ['-js', ...withImports(root, file)]).replace(/^%s$/m, ''))
}

/** A component's CSS as the WebView puts it in the page: compiled by wcsc as the base library
 * does (`-pc`), its `:host` rules become `[is="path"]` rules and each class selector gets the
 * component's style-scope prefix `suffix` ('' for a shared component). */
function compileComponentWxss(root, component, suffix) {
  const file = `${component}.wxss`
  if (!fs.existsSync(path.join(root, file))) return ''
  // key=value=… with the values as JavaScript string contents (\x escapes, no raw `=`).
  const parts = wcscRun(root, ['-js', '-pc', '1', ...withImports(root, file)]).split('=')
  const text = (i) => require('vm').runInNewContext(`"${parts[i].replace(/\n/g, '\\n')}"`)
  const comm = text(parts.indexOf('comm') + 1)
  const own = text(parts.indexOf(`./${file}`) + 1)
  return runCompiled(`${comm};(${own})(${JSON.stringify(suffix)})`, './app.wxss')
}

/** rpx in inline styles, as the WebView runtime converts them. */
function inlineRpx(style) {
  return style.replace(/(-?\d*\.?\d+)rpx/g, (_, n) => {
    let px = Math.floor(Number(n) / 750 * SCREEN.width + 1e-4)
    if (px === 0 && Number(n) !== 0) px = 0.5
    return `${px}px`
  })
}

const escape = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
/** How the WebView's wx-image places its picture for each mode (as a CSS background). */
function imageMode(mode) {
  if (mode === 'aspectFit') return 'center / contain'
  if (mode === 'aspectFill') return 'center / cover'
  if (mode === '' || mode === 'scaleToFill' || mode === 'widthFix' || mode === 'heightFix') return '0 0 / 100% 100%'
  const x = mode.includes('left') ? 'left' : mode.includes('right') ? 'right' : 'center'
  const y = mode.startsWith('top') ? 'top' : mode.startsWith('bottom') ? 'bottom' : 'center'
  return `${x} ${y} / auto`
}

/** A component's style-scope name (any CSS identifier will do for the comparison). */
const scopeName = (component) => component.replace(/[^A-Za-z0-9_-]/g, '-')
/** An attribute name as templates write it on an element (`my-class` → `myClass`). */
const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase())

/** The names an element's `class` list gets in the WebView's DOM, as glass-easel's ClassList
 * writes them (github.com/wechat-miniprogram/glass-easel, src/class_list.ts and the base
 * library's styleIsolation → styleScope/extraStyleScope choice): written by the page or by a
 * shared component a name stays as it is, by an isolated component it becomes
 * `scope--name`, by an apply-shared one both. An external class of the component is replaced
 * by the classes its host element was given, written as that host's own classes are.
 * `hosts`: the custom components' host elements around the element, outermost first. */
function webViewClasses(names, owner, hosts) {
  const at = owner === undefined ? -1 : hosts.map((h) => h.component.path).lastIndexOf(owner)
  const host = hosts[at]
  return names.flatMap((name) => {
    if (host && host.component.externalClasses.includes(name)) {
      const given = String(host.attrs[camel(name)] || '').split(/\s+/).filter(Boolean)
      return webViewClasses(given, host.owner, hosts.slice(0, at))
    }
    const isolation = host ? host.component.styleIsolation : 'shared'
    const prefixed = `${scopeName(owner || '')}--${name}`
    return isolation === 'shared' ? [name] : isolation === 'apply-shared' ? [name, prefixed] : [prefixed]
  })
}

// wcc camelCases attribute names; HTML attribute selectors in the built-in sheet use these.
// An <image> shows its file as a background placed by its mode, as wx-image does. A custom
// component's host element carries `is` (what `:host` rules select); a virtual host has no
// element of its own.
function html(nodes, root, pageDir, hosts = []) {
  return nodes.map((n) => {
    if (n.text !== undefined) return escape(n.text)
    const inner = n.component ? [...hosts, n] : hosts
    if (n.component && n.component.virtualHost) return html(n.children, root, pageDir, inner)
    let style = n.attrs.style === undefined ? '' : inlineRpx(String(n.attrs.style))
    if (n.tag === 'image' && n.attrs.src) {
      const src = String(n.attrs.src)
      const file = /^(data|https?):/.test(src) ? src : src.startsWith('/') ? path.join(root, src) : path.join(root, pageDir, src)
      const mode = String(n.attrs.mode || '')
      const [position, size] = imageMode(mode).split(' / ')
      style = `background-image: url("${file.startsWith('/') ? `file://${file}` : file}"); background-position: ${position}; background-size: ${size}; background-repeat: no-repeat; ${style}`
      // widthFix and heightFix: the WebView's script sets the other side from the picture's
      // proportions (known here for PNG files).
      if ((mode === 'widthFix' || mode === 'heightFix') && file.endsWith('.png') && fs.existsSync(file)) {
        const { width, height } = decode(file)
        style += `; ${mode === 'widthFix' ? 'height' : 'width'}: auto; aspect-ratio: ${width} / ${height}`
      }
    }
    const given = Object.assign({}, n.attrs, n.component ? { is: n.component.path } : {})
    if (n.attrs.class !== undefined) given.class = webViewClasses(String(n.attrs.class).split(/\s+/).filter(Boolean), n.owner, hosts).join(' ')
    const attrs = Object.entries(given).flatMap(([k, v]) => {
      // `hidden` hides when its value is truthy, as the framework reads it ('' does not).
      if (/^(bind|catch|capture-|mut-bind)/.test(k) || v === false || k === 'style' || (k === 'hidden' && !v)) return []
      return [`${k}="${escape(v === true ? '' : String(v))}"`]
    })
    const inside = n.tag === 'rich-text' ? richText(n.attrs.nodes) : html(n.children, root, pageDir, inner)
    return `<wx-${n.tag} ${attrs.join(' ')} style="${escape(style)}">${inside}</wx-${n.tag}>`
  }).join('')
}

/** The first element of a dumped tree that `test` accepts. */
function find(nodes, test) {
  for (const n of nodes) {
    if (n.text !== undefined) continue
    if (test(n)) return n
    const inside = find(n.children || [], test)
    if (inside) return inside
  }
  return undefined
}

/** The custom components in a dumped tree, each once, in the order they first appear. */
function components(nodes, found = new Map()) {
  for (const n of nodes) {
    if (n.component && !found.has(n.component.path)) found.set(n.component.path, n.component)
    if (n.children) components(n.children, found)
  }
  return [...found.values()]
}

// rich-text content as the WebView puts it in the page: an HTML string as it is (Chromium
// parses it), a nodes array as elements of its trusted tags (text nodes may hold entities).
const TRUSTED = new Set(('a abbr address article aside b bdi bdo big blockquote br caption center cite code col colgroup dd del div dl dt em ' +
  'fieldset font footer h1 h2 h3 h4 h5 h6 header hr i img ins label legend li mark nav ol p pre q rt ruby s section small span strong sub ' +
  'sup table tbody td tfoot th thead tr tt u ul').split(' '))
function richText(nodes) {
  if (typeof nodes === 'string') return nodes
  return (nodes || []).map((n) => {
    if (n.type === 'text') return n.text
    const name = String(n.name).toLowerCase()
    if (!TRUSTED.has(name)) return ''
    const attrs = Object.entries(n.attrs || {}).filter(([k]) => k !== 'id').map(([k, v]) => `${k}="${escape(v)}"`)
    return `<${name} ${attrs.join(' ')}>${richText(n.children)}</${name}>`
  }).join('')
}

// What the WebView's component runtime does on load that CSS alone cannot: scroll-views
// scrolled to scroll-top/scroll-left or to the child scroll-into-view names, swipers
// showing their `current` item, open-data showing what the platform still gives (since
// 2022: 微信用户, the grey default avatar, else its default-text), movable-views moved to x/y.
const RUNTIME = `<script>
for (const view of document.querySelectorAll('wx-scroll-view')) {
  const into = view.getAttribute('scrollintoview')
  const target = into && view.querySelector('#' + CSS.escape(into))
  if (target) {
    view.scrollTop = target.getBoundingClientRect().top - view.getBoundingClientRect().top - view.clientTop
    view.scrollLeft = target.getBoundingClientRect().left - view.getBoundingClientRect().left - view.clientLeft
  } else {
    if (view.hasAttribute('scrolly')) view.scrollTop = Number(view.getAttribute('scrolltop') || 0)
    if (view.hasAttribute('scrollx')) view.scrollLeft = Number(view.getAttribute('scrollleft') || 0)
  }
}
for (const swiper of document.querySelectorAll('wx-swiper')) {
  const items = [...swiper.children].filter((c) => c.tagName === 'WX-SWIPER-ITEM')
  const current = Number(swiper.getAttribute('current') || 0)
  items.forEach((item, i) => { if (i !== current) item.style.display = 'none' })
}
for (const data of document.querySelectorAll('wx-open-data')) {
  const type = data.getAttribute('type')
  if (type === 'userAvatarUrl') data.appendChild(document.createElement('wx-open-data-avatar'))
  else data.textContent = type === 'userNickName' ? '微信用户' : data.getAttribute('defaulttext') || ''
}
for (const view of document.querySelectorAll('wx-movable-view')) {
  view.style.transform = 'translate(' + Number(view.getAttribute('x') || 0) + 'px, ' + Number(view.getAttribute('y') || 0) + 'px)'
}
</script>`

function builtInCss() {
  const wxss = execFileSync(wxemu, ['dump', '--built-in-styles']).toString().replace(/\/\*[\s\S]*?\*\//g, '')
  // Tag names in selectors (the part of each rule before `{`) get the WebView's wx- prefix.
  const prefixed = (text) => text.replace(/(^|[\s,>+~(])([a-z][a-z-]*)(?=$|[\s,.:\[>+~)])/g, (m, pre, tag) =>
    tag === 'page' ? `${pre}body` : tag.startsWith('wx-') ? m : `${pre}wx-${tag}`)
  // Inside rich-text the tags are HTML's own.
  const selectors = (text) => text.split(',').map((s) => s.trim().startsWith('rich-text ') ? s.replace('rich-text ', 'wx-rich-text ') : prefixed(s)).join(',')
  return wxss.split('}').map((rule) => {
    const brace = rule.indexOf('{')
    return brace < 0 ? rule : selectors(rule.slice(0, brace)) + rule.slice(brace)
  }).join('}')
}

function decode(file) {
  return PNG.sync.read(fs.readFileSync(file))
}

function agreement(a, b, top, height) {
  let same = 0
  const total = b.width * height
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < b.width; x++) {
      const i = ((y + top) * a.width + x) * 4
      const j = (y * b.width + x) * 4
      if ([0, 1, 2].every((c) => Math.abs(a.data[i + c] - b.data[j + c]) <= TOLERANCE)) same++
    }
  }
  return same / total
}

/** The project as the DevTools build it (`wxemu build`: npm packages in miniprogram_npm, Less
 * and Sass compiled), where wcsc finds every style sheet; once per project. */
const builds = new Map()
function build(root) {
  if (!builds.has(root)) {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'wxemu-ref-build-'))
    execFileSync(wxemu, ['build', root, '-o', out], { stdio: 'ignore' })
    process.on('exit', () => fs.rmSync(out, { recursive: true }))
    builds.set(root, out)
  }
  return builds.get(root)
}

function page(project, route, tab, custom) {
  const root = path.resolve(repo, project)
  // Both runs start from empty storage kept in memory, so an app that writes to it as it
  // launches (wxapp-2048 logs each launch) shows the same data in the tree and in the shot.
  const tree = JSON.parse(execFileSync(wxemu, ['dump', root, '--page', route, '--components', '--storage', 'memory'], { stdio: ['ignore', 'pipe', 'ignore'] }))
  // With navigationStyle: custom the page starts at the top of the screen.
  const top = custom ? 0 : SCREEN.top
  const viewport = SCREEN.height - top - (tab ? SCREEN.tabBar : 0)
  const built = build(root)
  const css = [builtInCss(), compileWxss(built, 'app.wxss'), compileWxss(built, `${route}.wxss`),
    ...components(tree).map((c) => compileComponentWxss(built, c.path, c.styleIsolation === 'shared' ? '' : `${scopeName(c.path)}--`))].join('\n')
  // <page-meta>: `page-style` is the body's style, `root-font-size` the root's font size
  // (`system`: the phone's text size, 17 px on an iPhone).
  const meta = find(tree, (n) => n.tag === 'page-meta')
  const rootFont = meta && meta.attrs.rootFontSize ? (meta.attrs.rootFontSize === 'system' ? '17px' : inlineRpx(String(meta.attrs.rootFontSize))) : '16px'
  const pageStyle = meta && meta.attrs.pageStyle ? inlineRpx(String(meta.attrs.pageStyle)) : ''
  const doc = `<!doctype html><html><head><meta charset="utf-8"><style>
html, body { margin: 0; } html { font-size: ${rootFont}; } body { font-family: "Noto Sans CJK SC", "Noto Color Emoji", "DejaVu Sans"; min-height: ${viewport}px; font-size: 16px; }
${css}</style></head><body style="${escape(pageStyle)}">${html(tree, root, path.dirname(route))}${RUNTIME}</body></html>`
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wxemu-ref-'))
  // Every screen of the page is compared: the page is scrolled by a screen at a time, the last
  // one to the bottom, in both; fixed boxes stay where the screen puts them. (Headless
  // Chromium's screenshot of a scrolled window is blank, so its page is moved up instead.)
  const shot = (file, args) => execFileSync(wxemu, ['shot', root, '--page', route, '--storage', 'memory', '-o', path.join(dir, file), ...args], { stdio: 'ignore' })
  shot('full.png', ['--full-page'])
  const height = decode(path.join(dir, 'full.png')).height / SCREEN.dpr - SCREEN.height + viewport
  const scrolls = []
  for (let y = 0; y < height - viewport; y += viewport) scrolls.push(y)
  scrolls.push(Math.max(0, height - viewport))
  let same = 0
  let total = 0
  for (const [i, scroll] of [...new Set(scrolls)].entries()) {
    const html = path.join(dir, `page${i}.html`)
    fs.writeFileSync(html, doc.replace('</style>', `html { position: relative; top: ${-scroll}px; }</style>`))
    execFileSync('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--disable-background-networking', '--no-first-run', '--allow-file-access-from-files',
      `--user-data-dir=${path.join(dir, 'profile')}`, `--force-device-scale-factor=${SCREEN.dpr}`, `--window-size=${SCREEN.width},${viewport}`,
      `--screenshot=${path.join(dir, `chromium${i}.png`)}`, `file://${html}`], { stdio: 'ignore' })
    shot(`wxemu${i}.png`, ['--scroll', String(scroll)])
    const ours = decode(path.join(dir, `wxemu${i}.png`))
    const theirs = decode(path.join(dir, `chromium${i}.png`))
    const rows = Math.min(theirs.height, viewport * SCREEN.dpr)
    same += agreement(ours, theirs, top * SCREEN.dpr, rows) * theirs.width * rows
    total += theirs.width * rows
  }
  if (!process.env.KEEP) fs.rmSync(dir, { recursive: true })
  else console.error(`${route}: ${dir}`)
  return same / total
}

const suites = [['tests/visual/app', ''], ['sample-apps/todo', 'todo-'], ['sample-apps/gallery', 'gallery-'], ['tests/apps/custom-tabbar', 'custom-tabbar-'],
  ['tests/apps/prompts', 'prompts-'], ['tests/apps/bars', 'bars-'], ['tests/apps/ui-libs', 'ui-libs-']]
// Pages whose picture is mostly the client's own drawing over the page, which no WebView has.
const CLIENT_DRAWN = {
  'prompts-toast': 'a toast', 'prompts-toast-error': 'a toast', 'prompts-toast-none': 'a toast', 'prompts-loading': 'a loading notice',
  'prompts-modal': 'a modal over a mask', 'prompts-sheet': 'an action sheet over a mask', 'bars-refresh': 'the pull-down refresh area (the page moved down)',
}
// `node reference.js NAME…` compares only the pages named; `node reference.js --project DIR
// [ROUTE…]` compares a project's pages instead (a real app fetched beside the checkout, say:
// the mini-program folder, with app.json), all of them or the routes named.
const args = process.argv.slice(2)
const other = args[0] === '--project' ? path.resolve(args[1]) : undefined
if (other) suites.splice(0, suites.length, [other, `${path.basename(other)}-`])
const routes = other ? args.slice(2) : []
const only = other ? [] : args
console.log('# Visual suite against headless Chromium\n')
console.log('Made by scripts/chromium-reference/reference.js (see its header for the method).\n')
console.log('| page | pixels agreeing |\n| --- | --- |')
for (const [project, prefix] of suites) {
  const app = JSON.parse(fs.readFileSync(path.resolve(repo, project, 'app.json'), 'utf8'))
  const tabs = new Set(((app.tabBar || {}).list || []).map((t) => t.pagePath))
  for (const route of app.pages.filter((r) => routes.length === 0 || routes.includes(r))) {
    const name = prefix + route.split('/').pop()
    if (only.length > 0 && !only.includes(name)) continue
    const file = path.resolve(repo, project, `${route}.json`)
    const config = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {}
    const custom = (config.navigationStyle || (app.window || {}).navigationStyle) === 'custom'
    if (CLIENT_DRAWN[name]) {
      console.log(`| ${name} | not compared: the client draws ${CLIENT_DRAWN[name]} |`)
      continue
    }
    // A custom tab bar is a component in the page, which then has the whole height.
    const nativeTab = tabs.has(route) && (app.tabBar || {}).custom !== true
    console.log(`| ${name} | ${(page(project, route, nativeTab, custom) * 100).toFixed(1)}% |`)
  }
}
console.log(`
Where the two pictures differ by design: the reference has the HTML of the composed tree and
no built-in component runtime, so the parts a built-in component draws inside itself in
wxemu (check marks, the switch knob, progress and slider bars, icons, an input's placeholder,
swiper dots) are missing from it; wx-image
sizes its box for widthFix/heightFix by script, which the reference does for PNG pictures only; picker-view
columns are not moved to their value (gallery-picker). The reference does scroll
scroll-views and move movable-views as the WebView's runtime does, and puts rich-text's
nodes in the page as HTML (a string parsed by Chromium itself). The reference has no
\`<text>\` component either, so \`decode\` and \`space\` do not apply in it (text-white-space),
and no client chrome: the menu capsule wxemu draws over a custom navigation bar's page is
missing from it (custom-navigation). Text
differs by sub-pixel glyph placement (parley vs Blink shaping the same Noto Sans CJK). The
ui-libs pages put every component of @vant/weapp, tdesign-miniprogram and weui-miniprogram
(from npm) on a page with few properties set, as their scripts left them. Their icon fonts
come from the network, which neither side has here: wxemu draws the missing-glyph box of
its fallback face where Chromium draws nothing; vant's circle is a canvas, which wxemu
draws as a labelled box until canvas is supported.`)
