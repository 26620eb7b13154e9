// The batch page: the list of reports on top (worst first, sortable, searchable, paged), one collapsed
// section per report below, worst first. A report's markup sits in an inert <script type="text/html">
// until its section is opened, so a page of 300 reports opens in well under two seconds.
(function () {
  const rows = JSON.parse(document.getElementById('rows').textContent);
  function fill(d) {
    const body = d.querySelector('.body');
    if (body.dataset.done) return;
    const src = document.getElementById('s-' + d.dataset.i);
    body.innerHTML = src ? src.textContent.replace(/<\\\/script/gi, '</script') : '';
    body.dataset.done = '1';
    const sec = body.querySelector('section.file');
    if (sec) baocaoFilters(sec);
  }
  document.querySelectorAll('details.file').forEach(d => d.addEventListener('toggle', () => { if (d.open) fill(d); }));
  function open(i) {
    const d = document.getElementById('d-' + i);
    if (!d) return;
    d.open = true; fill(d);
    d.scrollIntoView();
  }
  baocaoList(document.getElementById('list'), rows, T, open);
  document.getElementById('open-all').addEventListener('click', () => document.querySelectorAll('details.file').forEach(d => { d.open = true; fill(d); }));
  document.getElementById('close-all').addEventListener('click', () => document.querySelectorAll('details.file').forEach(d => { d.open = false; }));
  const m = /^#r-(\d+)$/.exec(location.hash);
  if (m) open(m[1]);
  window.addEventListener('hashchange', () => { const k = /^#r-(\d+)$/.exec(location.hash); if (k) open(k[1]); });
})();
