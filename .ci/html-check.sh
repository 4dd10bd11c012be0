#!/usr/bin/env bash
# Opens an aidep HTML report in headless Chromium and checks it works for a reader: no page or
# console error, no network load, every required section there and not blank, the findings filter
# and a column sort behave, then saves a full-page screenshot.
#
#   .ci/html-check.sh REPORT.html SCREENSHOT.png
#
# Exit codes: 0 the report passed; 1 a check failed; 2 could not run (usage, missing file,
# Chromium/Node/puppeteer-core could not be installed or launched).
# Installs what it lacks: Debian's `chromium` (apt-get) and the npm package `puppeteer-core` into a
# temporary prefix (set AIDEP_HTML_CHECK_TOOLS to a directory to reuse one between runs).
# Environment: CHROMIUM (browser path, default /usr/bin/chromium), AIDEP_HTML_CHECK_WIDTH (viewport
# width, default 1400).
set -euo pipefail

usage() { echo "usage: $0 REPORT.html SCREENSHOT.png" >&2; exit 2; }
die() { echo "html-check: $*" >&2; exit 2; }

[ $# -eq 2 ] || usage
report=$1
screenshot=$2
[ -f "$report" ] || die "no such report: $report"
case "$screenshot" in *.png) ;; *) die "the screenshot must be a .png: $screenshot" ;; esac
mkdir -p "$(dirname "$screenshot")" || die "cannot create the screenshot's directory"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root to run: $*"
  fi
}

apt_updated=0
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install $* yourself"
  local log
  log=$(mktemp "${TMPDIR:-/tmp}/aidep-html-apt.XXXXXX")
  if [ "$apt_updated" -eq 0 ]; then
    as_root apt-get update >"$log" 2>&1 || { cat "$log" >&2; die "apt-get update failed"; }
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y "$@" >"$log" 2>&1 \
    || { cat "$log" >&2; die "apt-get install $* failed"; }
  rm -f "$log"
}

chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "html-check: installing chromium" >&2
  apt_install chromium
  [ -x "$chromium" ] || chromium=$(command -v chromium || true)
  [ -n "$chromium" ] && [ -x "$chromium" ] || die "chromium is not installed"
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "html-check: installing nodejs and npm" >&2
  apt_install nodejs npm
fi

tools=${AIDEP_HTML_CHECK_TOOLS:-}
cleanup_tools=0
if [ -z "$tools" ]; then
  tools=$(mktemp -d "${TMPDIR:-/tmp}/aidep-html-check.XXXXXX")
  cleanup_tools=1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/aidep-html-run.XXXXXX")
cleanup() {
  rm -rf "$work"
  if [ "$cleanup_tools" -eq 1 ]; then rm -rf "$tools"; fi
}
trap cleanup EXIT
if [ ! -d "$tools/node_modules/puppeteer-core" ]; then
  echo "html-check: installing puppeteer-core into $tools" >&2
  npm install --silent --no-audit --no-fund --prefix "$tools" puppeteer-core >/dev/null 2>&1 \
    || die "npm install puppeteer-core failed"
fi

cat >"$work/check.cjs" <<'JS'
'use strict';
const path = require('path');
const { pathToFileURL } = require('url');
const [tools, chromium, reportPath, shotPath] = process.argv.slice(2);
const puppeteer = require(path.join(tools, 'node_modules', 'puppeteer-core'));

const REQUIRED = ['summary', 'lock-in', 'spof', 'matrix', 'retirements', 'residency', 'graph', 'findings'];
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const width = parseInt(process.env.AIDEP_HTML_CHECK_WIDTH || '1400', 10);

const problems = [];
const fail = (msg) => { problems.push(msg); console.log('FAIL ' + msg); };
const pass = (msg) => console.log('ok   ' + msg);

async function visibleRows(page) {
  return page.$$eval('#findings-table tbody tr', (rows) => rows.filter((r) => !r.hidden && r.offsetParent !== null).length);
}

async function main() {
  let browser;
  try {
    browser = await puppeteer.launch({
      executablePath: chromium,
      headless: true,
      args: FLAGS,
      defaultViewport: { width, height: 900, deviceScaleFactor: 1 },
    });
  } catch (e) {
    console.error('html-check: cannot launch ' + chromium + ': ' + e.message);
    process.exit(2);
  }
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => fail('page error: ' + (e && e.message ? e.message : e)));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'assert') fail('console ' + m.type() + ': ' + m.text());
    });
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith('file:') && !u.startsWith('data:') && !u.startsWith('about:')) fail('network request: ' + u);
    });
    page.on('requestfailed', (r) => fail('failed request: ' + r.url() + ' ' + (r.failure() ? r.failure().errorText : '')));

    const url = pathToFileURL(path.resolve(reportPath)).href;
    const response = await page.goto(url, { waitUntil: 'load', timeout: 30000 });
    if (response && !response.ok()) fail('loading ' + url + ' returned ' + response.status());

    // Not blank: enough text, and every required section present, headed and laid out.
    const text = await page.evaluate(() => (document.body ? document.body.innerText : '').trim());
    if (text.length < 200) fail('the page is blank: ' + text.length + ' characters of text');
    else pass('page has ' + text.length + ' characters of text');
    for (const id of REQUIRED) {
      const s = await page.evaluate((id) => {
        const el = document.getElementById(id);
        if (!el) return null;
        const h = el.querySelector('h2');
        return { heading: h ? h.textContent.trim() : '', height: el.getBoundingClientRect().height, text: el.innerText.trim().length };
      }, id);
      if (!s) fail('section #' + id + ' is missing');
      else if (!s.heading) fail('section #' + id + ' has no heading');
      else if (s.height < 20 || s.text < 20) fail('section #' + id + ' is empty (' + s.height + 'px, ' + s.text + ' chars)');
      else pass('section #' + id + ': ' + s.heading);
    }
    const js = await page.evaluate(() => document.documentElement.classList.contains('js'));
    if (!js) fail('the inline script did not run');

    // The graph: one shape per node; hovering a node highlights its edges.
    const graph = await page.evaluate(() => {
      const svg = document.getElementById('graph-svg');
      if (!svg) return null;
      const r = svg.getBoundingClientRect();
      return { nodes: svg.querySelectorAll('.node').length, edges: svg.querySelectorAll('.edge').length, w: r.width, h: r.height };
    });
    if (graph) {
      if (graph.nodes === 0 || graph.w < 100 || graph.h < 50) fail('the graph is empty: ' + JSON.stringify(graph));
      else pass('graph: ' + graph.nodes + ' nodes, ' + graph.edges + ' edges, ' + Math.round(graph.w) + 'x' + Math.round(graph.h));
      const node = await page.$('#graph-svg .node.k-vendor') || await page.$('#graph-svg .node');
      if (node) {
        await node.hover();
        const lit = await page.evaluate(() => document.querySelectorAll('#graph-svg .edge.hl').length);
        if (lit === 0 && graph.edges > 0) fail('hovering a graph node highlights no edge');
        else pass('hovering a node highlights ' + lit + ' edges');
        await page.mouse.move(0, 0);
      }
    }

    // The findings filter and sort.
    const table = await page.$('#findings-table');
    if (!table) {
      const none = await page.evaluate(() => {
        const section = document.getElementById('findings');
        return !!section && /No findings/.test(section.innerText);
      });
      if (none) pass('no findings: filter and sort not exercised');
      else fail('#findings-table is missing');
    } else {
      const total = await visibleRows(page);
      const vendors = await page.$$eval('#findings-table tbody tr', (rows) => {
        const n = {};
        rows.forEach((r) => { const v = r.getAttribute('data-vendor'); n[v] = (n[v] || 0) + 1; });
        return n;
      });
      // The vendor with the most findings that is not every finding, so the count must drop.
      const pick = Object.keys(vendors).sort((a, b) => vendors[b] - vendors[a] || (a < b ? -1 : 1))
        .find((v) => vendors[v] < total) || Object.keys(vendors)[0];
      await page.click('#f-q');
      await page.type('#f-q', pick);
      const shown = await visibleRows(page);
      const counter = await page.$eval('#f-count', (e) => e.textContent);
      const allMatch = await page.$$eval('#findings-table tbody tr', (rows, v) =>
        rows.filter((r) => !r.hidden).every((r) => r.textContent.toLowerCase().includes(v.toLowerCase())), pick);
      if (Object.keys(vendors).length > 1 && !(shown < total)) fail('typing "' + pick + '" did not reduce the rows (' + shown + ' of ' + total + ')');
      else if (shown === 0) fail('typing "' + pick + '" hid every row');
      else if (!allMatch) fail('typing "' + pick + '" left rows that do not mention it');
      else if (!counter.startsWith(shown + ' of ' + total)) fail('the counter says "' + counter + '", expected ' + shown + ' of ' + total);
      else pass('filter "' + pick + '": ' + shown + ' of ' + total + ' rows (' + counter + ')');

      await page.click('#f-reset');
      if (await visibleRows(page) !== total) fail('reset did not show every row again');
      const kinds = await page.$$eval('#f-kind option', (o) => o.map((x) => x.value).filter(Boolean));
      if (kinds.length > 1) {
        await page.select('#f-kind', kinds[0]);
        const byKind = await page.$$eval('#findings-table tbody tr', (rows, k) => {
          const shown = rows.filter((r) => !r.hidden);
          return { n: shown.length, ok: shown.every((r) => r.getAttribute('data-kind') === k) };
        }, kinds[0]);
        if (!byKind.ok || byKind.n === 0 || byKind.n >= total) fail('the kind list did not filter to ' + kinds[0] + ': ' + JSON.stringify(byKind));
        else pass('kind "' + kinds[0] + '": ' + byKind.n + ' rows');
        await page.click('#f-reset');
      }

      // Sort by the Location column (text) both ways, then by Confidence (numeric).
      const col = await page.$$eval('#findings-table thead th', (ths) => ths.findIndex((t) => /Location/.test(t.textContent)));
      if (col < 0) fail('no Location column to sort');
      else {
        const header = (await page.$$('#findings-table thead th'))[col];
        const values = () => page.$$eval('#findings-table tbody tr', (rows, c) => rows.map((r) => r.cells[c].textContent.trim()), col);
        const cmp = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }).compare;
        await header.click();
        const asc = await values();
        const sortedAsc = asc.every((v, i) => i === 0 || cmp(asc[i - 1], v) <= 0);
        const ariaAsc = await page.evaluate((e) => e.getAttribute('aria-sort'), header);
        await header.click();
        const desc = await values();
        const sortedDesc = desc.every((v, i) => i === 0 || cmp(desc[i - 1], v) >= 0);
        const ariaDesc = await page.evaluate((e) => e.getAttribute('aria-sort'), header);
        if (!sortedAsc || ariaAsc !== 'ascending') fail('sorting by Location ascending failed (' + ariaAsc + ')');
        else if (!sortedDesc || ariaDesc !== 'descending') fail('sorting by Location descending failed (' + ariaDesc + ')');
        else if (asc.length > 1 && asc[0] === desc[0] && asc[0] !== asc[asc.length - 1]) fail('sorting did not reorder rows');
        else pass('sort by Location: ascending then descending (' + asc.length + ' rows)');
        if (await visibleRows(page) !== total) fail('sorting changed the number of rows');
        // A third click: ascending again, as the screenshot shows it.
        await header.click();
      }
      await page.click('#f-reset');
    }

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shotPath, fullPage: true });
    const size = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]);
    pass('screenshot ' + shotPath + ' (' + size[0] + 'x' + size[1] + ')');
  } finally {
    await browser.close();
  }
  if (problems.length) {
    console.log(problems.length + ' problem(s) in ' + reportPath);
    process.exit(1);
  }
  console.log('html-check: ' + reportPath + ' passed');
}

main().catch((e) => { console.error('html-check: ' + (e && e.stack ? e.stack : e)); process.exit(2); });
JS

status=0
timeout 180 node "$work/check.cjs" "$tools" "$chromium" "$report" "$screenshot" || status=$?
case "$status" in
  0 | 1 | 2) exit "$status" ;;
  124) echo "html-check: timed out" >&2; exit 2 ;;
  *) exit 2 ;;
esac
