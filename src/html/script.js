// aidep HTML report: sortable tables, the findings filter, graph highlighting, print expansion.
// Vanilla JS, no network. Without it the page still shows everything.
(function () {
  'use strict';
  var doc = document;
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };
  doc.documentElement.className += ' js';

  // Sort key of a cell: its data-v when it has one, else its text.
  function key(cell) {
    if (!cell) return '';
    var v = cell.getAttribute('data-v');
    return (v !== null ? v : cell.textContent).trim();
  }
  var collator = typeof Intl !== 'undefined' ? new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }) : null;
  function compareText(a, b) { return collator ? collator.compare(a, b) : (a < b ? -1 : a > b ? 1 : 0); }

  each(doc.querySelectorAll('table.sortable'), function (table) {
    if (!table.tHead || !table.tBodies.length) return;
    var heads = table.tHead.rows[0].cells;
    each(heads, function (th, col) {
      if (th.classList.contains('nosort')) return;
      function sort() {
        var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
        each(heads, function (h) { if (h !== th) h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir);
        var numeric = th.getAttribute('data-type') === 'num';
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[col]), y = key(b.cells[col]);
          var c = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : compareText(x, y);
          if (c === 0) return (+a.getAttribute('data-i') || 0) - (+b.getAttribute('data-i') || 0);
          return dir === 'ascending' ? c : -c;
        });
        var frag = doc.createDocumentFragment();
        rows.forEach(function (r) { frag.appendChild(r); });
        body.appendChild(frag);
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); }
      });
    });
  });

  // The findings filter: every word of the text box must appear in the row, and every list must match.
  var table = doc.getElementById('findings-table');
  var query = doc.getElementById('f-q');
  var count = doc.getElementById('f-count');
  var selects = doc.querySelectorAll('.controls select[data-filter]');
  function resetFilters() {
    if (query) query.value = '';
    each(selects, function (s) { s.value = ''; });
    applyFilter();
  }
  function applyFilter() {
    if (!table) return;
    var words = query ? query.value.toLowerCase().split(/\s+/).filter(Boolean) : [];
    var wanted = [];
    each(selects, function (s) { if (s.value) wanted.push(['data-' + s.getAttribute('data-filter'), s.value]); });
    var rows = table.tBodies[0].rows, shown = 0;
    each(rows, function (row) {
      if (row._text === undefined) row._text = row.textContent.toLowerCase();
      var ok = words.every(function (w) { return row._text.indexOf(w) !== -1; }) &&
        wanted.every(function (p) { return row.getAttribute(p[0]) === p[1]; });
      row.hidden = !ok;
      if (ok) shown++;
    });
    if (count) count.textContent = shown + ' of ' + rows.length + ' findings';
  }
  if (table) {
    if (query) query.addEventListener('input', applyFilter);
    each(selects, function (s) { s.addEventListener('change', applyFilter); });
    var reset = doc.getElementById('f-reset');
    if (reset) reset.addEventListener('click', resetFilters);
    // An evidence link to a finding the filter hides clears the filter first.
    doc.addEventListener('click', function (e) {
      var a = e.target && e.target.closest ? e.target.closest('a[href^="#f-"]') : null;
      if (!a) return;
      var row = doc.getElementById(a.getAttribute('href').slice(1));
      if (row && row.hidden) resetFilters();
    });
  }

  // Graph: hovering or focusing a node shows only its edges and neighbours.
  var svg = doc.getElementById('graph-svg');
  if (svg) {
    var edges = svg.querySelectorAll('.edge');
    var nodes = {};
    each(svg.querySelectorAll('.node'), function (n) { nodes[n.getAttribute('data-node')] = n; });
    var lit = [];
    function clear() {
      svg.classList.remove('focusing');
      lit.forEach(function (el) { el.classList.remove('hl'); });
      lit = [];
    }
    function light(el) { el.classList.add('hl'); lit.push(el); }
    function focus(id) {
      clear();
      svg.classList.add('focusing');
      light(nodes[id]);
      each(edges, function (e) {
        var from = e.getAttribute('data-from'), to = e.getAttribute('data-to');
        if (from === id || to === id) {
          light(e);
          if (nodes[from]) light(nodes[from]);
          if (nodes[to]) light(nodes[to]);
        }
      });
    }
    Object.keys(nodes).forEach(function (id) {
      var n = nodes[id];
      n.addEventListener('mouseenter', function () { focus(id); });
      n.addEventListener('focus', function () { focus(id); });
      n.addEventListener('mouseleave', clear);
      n.addEventListener('blur', clear);
    });
  }

  // Print everything folded away, then fold it back.
  var opened = [];
  window.addEventListener('beforeprint', function () {
    each(doc.querySelectorAll('details:not([open])'), function (d) { d.open = true; opened.push(d); });
  });
  window.addEventListener('afterprint', function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
