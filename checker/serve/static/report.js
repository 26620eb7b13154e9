// Filters of one report (category, severity, "only lines with findings"), scoped to its container:
// the web desk and the batch page both call baocaoFilters(section) once the section is on the page.
function baocaoFilters(root) {
  const boxes = Array.from(root.querySelectorAll('.filters input[data-filter]'));
  const only = root.querySelector('.filters input.only-findings');
  function apply() {
    const on = new Set(boxes.filter(b => b.checked).map(b => b.value));
    const shown = new Set();
    root.querySelectorAll('div.msg').forEach(m => {
      const vis = on.has('cat:' + m.dataset.cat) && on.has('sev:' + m.dataset.sev);
      m.classList.toggle('hidden', !vis);
      if (vis) shown.add(m.dataset.id);
    });
    root.querySelectorAll('mark[data-f]').forEach(k => {
      k.classList.toggle('on', k.dataset.f.split(' ').some(id => shown.has(id)));
    });
    root.querySelectorAll('table.score td[data-f]').forEach(c => {
      c.classList.toggle('bad', c.dataset.f.split(' ').some(id => shown.has(id)));
    });
    const quiet = only && only.checked;
    root.querySelectorAll('table.src tr').forEach(r => {
      const has = quiet && Array.from(r.querySelectorAll('div.msg')).some(m => !m.classList.contains('hidden'));
      r.classList.toggle('quiet', quiet && !has);
    });
  }
  boxes.forEach(b => b.addEventListener('change', apply));
  if (only) only.addEventListener('change', apply);
  apply();
}
