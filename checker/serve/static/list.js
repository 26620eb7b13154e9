// The list of reports, shared by the web desk and the batch page: worst first, sortable by any column,
// searchable by file name, filterable by severity and category, paged (a batch of 2,000 draws 50 rows).
// rows: [{i, path, error, errors, warnings, infos, year, framework, self_total, classification, cats}]
function baocaoList(root, rows, T, onOpen) {
  const esc = s => String(s == null ? '' : s).replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
  const cols = [
    ['path', T.file], ['errors', T.errors], ['warnings', T.warnings], ['infos', T.infos], ['year', T.year],
    ['framework', T.framework], ['self_total', T.self_total], ['classification', T.classification]];
  const cats = ['score', 'arithmetic', 'citation', 'date', 'structure', 'style', 'format'];
  root.innerHTML =
    '<div class="totals meta"></div>' +
    '<div class="listbar"><input type="search" class="q" placeholder="' + esc(T.search) + '" aria-label="' + esc(T.search) + '">' +
    '<select class="sev" aria-label="' + esc(T.severity) + '"><option value="">' + esc(T.all) + '</option>' +
    '<option value="error">' + esc(T.with_errors) + '</option><option value="warning">' + esc(T.with_warnings) + '</option>' +
    '<option value="unreadable">' + esc(T.only_unreadable) + '</option><option value="clean">' + esc(T.clean) + '</option></select>' +
    '<select class="cat" aria-label="' + esc(T.category) + '"><option value="">' + esc(T.category) + ': ' + esc(T.all) + '</option>' +
    cats.map(c => '<option value="' + c + '">' + esc(T[c] || c) + '</option>').join('') + '</select>' +
    '<span class="pager"><button type="button" class="prev">' + esc(T.prev) + '</button><span class="shown"></span>' +
    '<button type="button" class="next">' + esc(T.next) + '</button></span></div>' +
    '<table class="summary"><thead><tr>' + cols.map(c => '<th data-key="' + c[0] + '">' + esc(c[1]) + '</th>').join('') +
    '</tr></thead><tbody></tbody></table>';
  const state = {key: 'worst', dir: 1, q: '', sev: '', cat: '', page: 0, per: 50};
  const $ = s => root.querySelector(s);
  function worst(a, b) {
    return ((a.error ? 0 : 1) - (b.error ? 0 : 1)) || (b.errors - a.errors) || (b.warnings - a.warnings) ||
      (b.infos - a.infos) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  }
  function cmp(a, b) {
    if (state.key === 'worst') return worst(a, b);
    let x = a[state.key], y = b[state.key];
    const nx = parseFloat(String(x).replace(',', '.')), ny = parseFloat(String(y).replace(',', '.'));
    if (!isNaN(nx) && !isNaN(ny)) { x = nx; y = ny; }
    if (x == null || x === '') return 1;
    if (y == null || y === '') return -1;
    return (x < y ? -1 : x > y ? 1 : 0) * state.dir || worst(a, b);
  }
  function keep(r) {
    if (state.q && r.path.toLowerCase().indexOf(state.q) < 0) return false;
    if (state.sev === 'error' && !(r.errors > 0)) return false;
    if (state.sev === 'warning' && !(r.errors > 0 || r.warnings > 0)) return false;
    if (state.sev === 'unreadable' && !r.error) return false;
    if (state.sev === 'clean' && (r.error || r.errors || r.warnings || r.infos)) return false;
    if (state.cat && !(r.cats || []).includes(state.cat)) return false;
    return true;
  }
  function draw() {
    const e = rows.reduce((s, r) => s + (r.errors || 0), 0), w = rows.reduce((s, r) => s + (r.warnings || 0), 0);
    const n = rows.reduce((s, r) => s + (r.infos || 0), 0), u = rows.filter(r => r.error).length;
    $('.totals').textContent = T.totals.replace('{n}', rows.length).replace('{e}', e).replace('{w}', w).replace('{i}', n).replace('{u}', u);
    const list = rows.filter(keep).sort(cmp);
    const pages = Math.max(1, Math.ceil(list.length / state.per));
    state.page = Math.min(state.page, pages - 1);
    const a = state.page * state.per, part = list.slice(a, a + state.per);
    $('.shown').textContent = T.shown.replace('{a}', list.length ? a + 1 : 0).replace('{b}', a + part.length).replace('{n}', list.length);
    $('.prev').disabled = state.page === 0;
    $('.next').disabled = state.page >= pages - 1;
    root.querySelectorAll('th').forEach(th => {
      th.classList.toggle('sorted-asc', th.dataset.key === state.key && state.dir > 0);
      th.classList.toggle('sorted-desc', th.dataset.key === state.key && state.dir < 0);
    });
    $('tbody').innerHTML = part.map(r => {
      const head = '<tr data-i="' + r.i + '"><td class="path"><a href="#r-' + r.i + '">' + esc(r.path) + '</a></td>';
      if (r.error) return head + '<td colspan="7" class="unreadable">' + esc(T.unreadable) + ': ' + esc(r.error) + '</td></tr>';
      return head + '<td class="num' + (r.errors ? ' hot' : '') + '">' + r.errors + '</td><td class="num">' + r.warnings +
        '</td><td class="num">' + r.infos + '</td><td class="num">' + esc(r.year || '-') + '</td><td>' + esc(r.framework || '-') +
        '</td><td class="num">' + esc(r.self_total || '-') + '</td><td>' + esc(r.classification || '-') + '</td></tr>';
    }).join('');
  }
  $('.q').addEventListener('input', ev => { state.q = ev.target.value.trim().toLowerCase(); state.page = 0; draw(); });
  $('.sev').addEventListener('change', ev => { state.sev = ev.target.value; state.page = 0; draw(); });
  $('.cat').addEventListener('change', ev => { state.cat = ev.target.value; state.page = 0; draw(); });
  $('.prev').addEventListener('click', () => { state.page--; draw(); });
  $('.next').addEventListener('click', () => { state.page++; draw(); });
  root.querySelectorAll('th').forEach(th => th.addEventListener('click', () => {
    if (state.key === th.dataset.key) state.dir = -state.dir; else { state.key = th.dataset.key; state.dir = th.dataset.key === 'path' ? 1 : -1; }
    draw();
  }));
  $('tbody').addEventListener('click', ev => {
    const tr = ev.target.closest('tr[data-i]');
    if (!tr) return;
    ev.preventDefault();
    onOpen(parseInt(tr.dataset.i, 10));
  });
  draw();
  return {draw: draw, rows: rows};
}
