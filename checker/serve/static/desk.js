// The web desk: choose or drop files, folders and .zip bundles; they are sent to /api/v1/check in small
// batches (the progress bar counts them), the answers (the contract JSON) fill the list; a report's page
// is asked for (/ui/report) when it is opened, so a batch of 2,000 opens at once.
(function () {
  const $ = s => document.querySelector(s);
  const chosen = [];  // {file, name}
  const results = []; // {doc, up, member}: doc is the report's entry of the contract JSON
  let list = null, tool = {name: 'baocao-lint', version: VERSION};
  const SKIP = /(^|\/)(\.|__MACOSX)/;

  function fmt(s, v) { return Object.keys(v).reduce((a, k) => a.replace('{' + k + '}', v[k]), s); }
  function showChosen() { $('#chosen').textContent = chosen.length ? fmt(T.chosen, {n: chosen.length}) : T.none_chosen; }
  function add(file, name) { if (!SKIP.test(name)) chosen.push({file: file, name: name}); }
  $('#files').addEventListener('change', ev => { Array.from(ev.target.files).forEach(f => add(f, f.name)); showChosen(); });
  $('#folder').addEventListener('change', ev => {
    Array.from(ev.target.files).forEach(f => add(f, f.webkitRelativePath || f.name)); showChosen();
  });
  const drop = $('#drop');
  ['dragenter', 'dragover'].forEach(t => drop.addEventListener(t, ev => { ev.preventDefault(); drop.classList.add('over'); }));
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', async ev => {
    ev.preventDefault(); drop.classList.remove('over');
    const entries = Array.from(ev.dataTransfer.items || []).map(i => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
    if (!entries.length) { Array.from(ev.dataTransfer.files).forEach(f => add(f, f.name)); showChosen(); return; }
    async function walk(entry, prefix) {
      if (entry.isFile) { await new Promise(ok => entry.file(f => { add(f, prefix + f.name); ok(); }, ok)); return; }
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise(ok => reader.readEntries(ok, () => ok([])));
        if (!batch.length) break;
        for (const e of batch) await walk(e, prefix + entry.name + '/');
      }
    }
    for (const e of entries) await walk(e, '');
    showChosen();
  });

  function query(extra) {
    const f = $('#form'), q = new URLSearchParams();
    ['framework', 'template', 'year'].forEach(k => { if (f.elements[k].value) q.set(k, f.elements[k].value); });
    const cats = Array.from(f.querySelectorAll('input[name=categories]'));
    const on = cats.filter(c => c.checked).map(c => c.value);
    if (on.length && on.length < cats.length) q.set('categories', on.join(','));
    if (document.documentElement.lang === 'en') q.set('lang', 'en');
    Object.keys(extra || {}).forEach(k => { if (extra[k] != null) q.set(k, extra[k]); });
    return q.toString();
  }
  function headers() {
    const t = $('#token');
    return t && t.value ? {'Authorization': 'Bearer ' + t.value} : {};
  }
  async function post(path, ups, extra) {
    const fd = new FormData();
    ups.forEach(u => fd.append('files', u.file, u.name));
    const r = await fetch(path + '?' + query(extra), {method: 'POST', body: fd, headers: headers()});
    if (!r.ok) {
      let msg = r.status + ' ' + r.statusText;
      try { msg = (await r.json()).error || msg; } catch (e) { /* not JSON */ }
      throw new Error(msg);
    }
    return r;
  }
  function batches(ups) {
    // small batches: the progress bar moves, and no request comes near the upload limits
    const out = [], maxBytes = LIMITS.max_upload_mb * 1024 * 1024 * 0.9, per = Math.min(8, LIMITS.max_files);
    let cur = [], size = 0;
    ups.forEach(u => {
      if (cur.length && (cur.length >= per || size + u.file.size > maxBytes)) { out.push(cur); cur = []; size = 0; }
      cur.push(u); size += u.file.size;
    });
    if (cur.length) out.push(cur);
    return out;
  }
  function rowOf(i, d) {
    const c = {error: 0, warning: 0, info: 0}, cats = new Set();
    (d.findings || []).forEach(f => { c[f.severity]++; cats.add(f.category); });
    const m = d.report || {};
    return {i: i, path: d.path, error: d.error, errors: c.error, warnings: c.warning, infos: c.info, year: m.year,
      framework: m.framework, self_total: m.self_total, classification: m.classification, cats: Array.from(cats)};
  }

  $('#form').addEventListener('submit', async ev => {
    ev.preventDefault();
    if (!chosen.length) { showChosen(); return; }
    $('#go').disabled = true;
    $('#progress').classList.remove('hidden');
    const todo = batches(chosen.splice(0));
    const total = todo.reduce((s, b) => s + b.length, 0);
    let done = 0;
    $('#bar').max = total;
    const step = () => { $('#bar').value = done; $('#progress-text').textContent = fmt(T.checking, {a: done, n: total}); };
    step();
    const answers = new Array(todo.length);
    async function run(k) {
      const ups = todo[k];
      try {
        const doc = await (await post('/api/v1/check', ups, {format: 'json'})).json();
        tool = doc.tool || tool;
        const out = [];
        let u = 0;
        doc.files.forEach(d => {
          // a .zip bundle answers with one entry per member, named bundle.zip/member
          while (u + 1 < ups.length && d.path !== ups[u].name && d.path.indexOf(ups[u].name + '/') !== 0) u++;
          const member = d.path !== ups[u].name ? d.path : null;
          out.push({doc: d, up: ups[u], member: member});
        });
        answers[k] = out;
      } catch (e) {
        answers[k] = ups.map(up => ({doc: {path: up.name, format: (up.name.split('.').pop() || 'txt').toLowerCase(),
          error: T.failed + e.message, report: null, findings: []}, up: up, member: null, failed: true}));
      }
      done += ups.length; step();
    }
    let next = 0;
    await Promise.all([0, 1].map(async () => { while (next < todo.length) await run(next++); }));
    answers.forEach(a => a.forEach(x => results.push(x)));
    $('#progress-text').textContent = fmt(T.done, {n: total});
    $('#go').disabled = false;
    showChosen();
    const rows = results.map((x, i) => rowOf(i, x.doc));
    $('#results').classList.remove('hidden');
    const ups = new Set(results.map(x => x.up));
    $('#batch-note').textContent = ups.size > LIMITS.max_files ? fmt(T.too_many_for_batch, {f: LIMITS.max_files}) : '';
    list = baocaoList($('#list'), rows, T, i => { location.hash = 'r-' + i; });
  });

  function contract(docs) {
    const s = {files: docs.length, errors: 0, warnings: 0, infos: 0};
    docs.forEach(d => (d.findings || []).forEach(f => { s[f.severity + 's']++; }));
    return {version: 1, tool: tool, files: docs, summary: s};
  }
  function save(blob, name) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob); a.download = name;
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }
  async function download(kind, items, base) {
    try {
      if (kind === 'json') {
        const text = JSON.stringify(contract(items.map(x => x.doc)), null, 2) + '\n';
        save(new Blob([text], {type: 'application/json'}), base + '.json');
        return;
      }
      const ups = Array.from(new Set(items.map(x => x.up)));
      const only = items.length === 1 ? items[0].member : null;
      const path = kind === 'docx' ? '/ui/annotate' : '/api/v1/check';
      const r = await post(path, ups, kind === 'docx' ? {only: only} : {format: kind, only: only});
      const ext = {sarif: '.sarif', html: '.html', docx: '.nhan-xet.docx'}[kind];
      save(await r.blob(), base + ext);
    } catch (e) { alert(T.failed + e.message); }
  }
  document.querySelectorAll('[data-dl]').forEach(b => b.addEventListener('click', () =>
    download(b.dataset.dl, results, 'baocao-lint')));
  let current = null;
  document.querySelectorAll('[data-one]').forEach(b => b.addEventListener('click', () => {
    if (current == null) return;
    const x = results[current], base = (x.member || x.up.name).split('/').pop().replace(/\.[^.]+$/, '');
    download(b.dataset.one, [x], base);
  }));

  async function open(i) {
    const x = results[i];
    if (!x) { route(); return; }
    current = i;
    $('#upload').classList.add('hidden'); $('#results').classList.add('hidden'); $('#report').classList.remove('hidden');
    const body = $('#report-body');
    body.innerHTML = '<p class="meta">' + T.loading + '</p>';
    window.scrollTo(0, 0);
    if (x.failed) { body.innerHTML = '<p class="failed"></p>'; body.firstChild.textContent = x.doc.error; return; }
    try {
      const r = await post('/ui/report', [x.up], {only: x.member, index: i});
      body.innerHTML = await r.text();
      const sec = body.querySelector('section.file');
      if (sec) baocaoFilters(sec);
    } catch (e) { body.innerHTML = '<p class="failed"></p>'; body.firstChild.textContent = T.failed + e.message; }
  }
  function route() {
    const m = /^#r-(\d+)$/.exec(location.hash);
    if (m && results.length) { open(parseInt(m[1], 10)); return; }
    current = null;
    $('#report').classList.add('hidden'); $('#upload').classList.remove('hidden');
    if (results.length) $('#results').classList.remove('hidden');
  }
  window.addEventListener('hashchange', route);
  $('#back').addEventListener('click', ev => { ev.preventDefault(); history.pushState('', '', location.pathname + location.search); route(); });
})();
