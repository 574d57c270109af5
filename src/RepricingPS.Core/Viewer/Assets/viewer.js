// The RepricingPS live audit viewer. Every logged value reaches the page through textContent only (never innerHTML),
// so whatever users and files put in the log is shown as text. The filter lives in the address (user, status, q, days).
'use strict';
(function () {
  var $ = function (id) { return document.getElementById(id); };
  var DAY_CHOICES = [1, 2, 7, 14, 30, 90, 365];
  var FIELDS = ['Timestamp', 'Status', 'User', 'Computer', 'Script', 'Action', 'File', 'ErrorType', 'Error', 'Message',
    'SessionId', 'EntryId', 'PSVersion', 'OS', 'Source', 'IsLegacy'];
  var params = new URLSearchParams(location.search);
  var state = {
    user: params.get('user') || '', status: params.get('status') || '', q: params.get('q') || '',
    days: parseInt(params.get('days') || '0', 10) || 0,
    paused: false, seq: 0, entries: [], limit: 500, maxDays: 0, total: 0, stream: null, loadNo: 0, openId: ''
  };

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function filterQuery() {
    var p = new URLSearchParams();
    if (state.user) p.set('user', state.user);
    if (state.status) p.set('status', state.status);
    if (state.q) p.set('q', state.q);
    if (state.days) p.set('days', String(state.days));
    return p.toString();
  }

  function syncAddress() {
    var p = new URLSearchParams(location.search);
    [['user', state.user], ['status', state.status], ['q', state.q], ['days', state.days ? String(state.days) : '']].forEach(function (kv) {
      if (kv[1]) p.set(kv[0], kv[1]); else p.delete(kv[0]);
    });
    history.replaceState(null, '', '?' + p.toString());
  }

  function setLive(mode, text) {
    var live = $('live');
    live.className = 'live' + (mode === 'on' ? ' on' : mode === 'off' ? ' off' : '');
    live.textContent = text;
  }

  function closeStream() {
    if (state.stream) { state.stream.close(); state.stream = null; }
  }

  function load() {
    var no = ++state.loadNo;
    closeStream();
    fetch('api/entries?' + filterQuery(), { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) {
        if (!r.ok) return r.text().then(function (t) { throw new Error(t || ('HTTP ' + r.status)); });
        return r.json();
      })
      .then(function (data) {
        if (no !== state.loadNo) return;
        state.entries = data.entries;
        state.seq = data.seq;
        apply(data, []);
        if (!state.paused) openStream();
      })
      .catch(function (err) {
        if (no !== state.loadNo) return;
        setLive('off', 'Not connected');
        $('notice').textContent = 'The viewer could not be reached: ' + err.message;
      });
  }

  function openStream() {
    var es = new EventSource('api/stream?' + filterQuery() + '&after=' + state.seq);
    state.stream = es;
    es.onopen = function () { if (state.stream === es) setLive('on', 'Live'); };
    es.onerror = function () { if (state.stream === es) setLive('off', 'Reconnecting…'); };
    es.addEventListener('update', function (ev) {
      if (state.stream !== es) return;
      var data = JSON.parse(ev.data);
      var seen = {};
      state.entries.forEach(function (e) { seen[e.seq] = true; });
      var fresh = data.entries.filter(function (e) { return !seen[e.seq]; });
      state.entries = fresh.concat(state.entries);
      state.entries.sort(function (a, b) { return b.t - a.t || b.seq - a.seq; });
      if (state.entries.length > state.limit) state.entries.length = state.limit;
      state.seq = Math.max(state.seq, data.seq);
      apply(data, fresh);
    });
  }

  function apply(data, fresh) {
    state.limit = data.listLimit;
    state.maxDays = data.maxDays;
    state.total = data.summary.total;
    $('root').textContent = data.root;
    renderDays();
    renderUsers(data.summary.users);
    renderCounts(data.summary);
    renderChart(data.summary.errorsPerDay);
    renderNotice(data);
    renderRows(fresh);
  }

  function renderDays() {
    var sel = $('days');
    var choices = DAY_CHOICES.filter(function (d) { return d < state.maxDays; }).concat([state.maxDays]);
    if (sel.options.length === choices.length) return;
    clear(sel);
    choices.forEach(function (d) {
      var o = el('option', d === 1 ? 'Last 24 hours' : 'Last ' + d + ' days');
      o.value = String(d);
      sel.appendChild(o);
    });
    sel.value = String(state.days && state.days < state.maxDays ? state.days : state.maxDays);
  }

  function renderUsers(users) {
    var sel = $('user');
    var want = [''].concat(users);
    if (state.user && want.indexOf(state.user) < 0) want.push(state.user);
    var have = Array.prototype.map.call(sel.options, function (o) { return o.value; });
    if (have.join('\n') === want.join('\n')) return;
    clear(sel);
    want.forEach(function (u) {
      var o = el('option', u === '' ? 'All users' : u);
      o.value = u;
      sel.appendChild(o);
    });
    sel.value = state.user;
  }

  function renderCounts(summary) {
    var box = $('counts');
    clear(box);
    var all = el('button', 'All ' + summary.total.toLocaleString());
    all.type = 'button';
    all.dataset.status = '';
    all.setAttribute('aria-pressed', String(state.status === ''));
    box.appendChild(all);
    summary.perStatus.forEach(function (s) {
      var b = el('button', s.status + ' ' + s.count.toLocaleString(), s.isError ? 'err' : '');
      b.type = 'button';
      b.dataset.status = s.status;
      b.dataset.count = String(s.count);
      b.setAttribute('aria-pressed', String(state.status === s.status));
      box.appendChild(b);
    });
    var total = $('total');
    total.textContent = summary.total.toLocaleString();
    total.dataset.count = String(summary.total);
  }

  function renderChart(days) {
    var box = $('chart');
    clear(box);
    var max = days.reduce(function (m, d) { return Math.max(m, d.errors); }, 0);
    var labelEvery = Math.ceil(days.length / 10);
    days.forEach(function (d, i) {
      var bar = el('div', null, 'bar');
      var text = d.day + ': ' + d.errors + (d.errors === 1 ? ' error' : ' errors');
      bar.title = text;
      bar.setAttribute('role', 'img');
      bar.setAttribute('aria-label', text);
      bar.appendChild(el('span', d.errors ? d.errors : '', 'n'));
      var fill = el('div', null, 'fill');
      fill.style.height = (max ? Math.round(70 * d.errors / max) : 0) + 'px';
      bar.appendChild(fill);
      bar.appendChild(el('span', i % labelEvery === 0 || i === days.length - 1 ? d.day.slice(5) : '', 'd'));
      box.appendChild(bar);
    });
  }

  function renderNotice(data) {
    var parts = [];
    if (data.unavailable) parts.push(data.unavailable);
    if (data.heldFrom) parts.push('To keep memory bounded, only entries since ' + data.heldFrom.replace('T', ' ').slice(0, 19) +
      ' are held; use -Days or -User to narrow the window.');
    if (data.malformed) parts.push(data.malformed + ' malformed row(s) could not be read (Test-RepricingAuditLog lists them).');
    $('notice').textContent = parts.join(' ');
    var shown = state.entries.length;
    $('shown').textContent = state.total > shown ? '(showing the newest ' + shown.toLocaleString() + ')' : '';
  }

  function renderRows(fresh) {
    var body = $('rows');
    var focused = document.activeElement && document.activeElement.parentNode === body ? document.activeElement.dataset.seq : null;
    var isNew = {};
    fresh.forEach(function (e) { isNew[e.seq] = true; });
    var frag = document.createDocumentFragment();
    state.entries.forEach(function (e) {
      var tr = el('tr', null, (e.isError ? 'err' : '') + (isNew[e.seq] ? ' new' : ''));
      tr.tabIndex = 0;
      tr.dataset.id = e.id;
      tr.dataset.seq = String(e.seq);
      tr.appendChild(el('td', e.ts.replace('T', ' ').slice(0, 19)));
      tr.appendChild(el('td', e.status));
      tr.appendChild(el('td', e.user));
      tr.appendChild(el('td', e.script, 'col-script'));
      tr.appendChild(el('td', e.message || e.errorType || e.file));
      frag.appendChild(tr);
    });
    clear(body);
    body.appendChild(frag);
    $('empty').hidden = state.entries.length > 0;
    if (focused) {
      var again = body.querySelector('tr[data-seq="' + focused + '"]');
      if (again) again.focus();
    }
  }

  function openDetails(id) {
    if (!id) return;
    state.openId = id;
    fetch('api/entry?id=' + encodeURIComponent(id), { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) {
        if (!r.ok) throw new Error(r.status === 404 ? 'This entry is no longer in the viewer\'s window.' : 'HTTP ' + r.status);
        return r.json();
      })
      .then(function (data) { if (state.openId === id) showDetails(data); })
      .catch(function (err) { $('notice').textContent = err.message; });
  }

  function showDetails(data) {
    var e = data.entry;
    $('details-title').textContent = e.Status + ' · ' + e.Timestamp.replace('T', ' ').slice(0, 23);
    var dl = $('fields');
    clear(dl);
    FIELDS.forEach(function (f) {
      var v = e[f];
      if (v === '' || v === undefined || v === null) return;
      dl.appendChild(el('dt', f));
      dl.appendChild(el('dd', v));
    });
    $('stack').textContent = e.Details || '(none)';
    var list = $('session');
    clear(list);
    $('session-title').textContent = e.SessionId
      ? 'Session ' + e.SessionId + ' (' + data.session.length + ' entries, in time order)'
      : data.legacySession
        ? 'Session (legacy log: ' + e.User + '\'s entries from START to END, ' + data.session.length + ' in time order)'
        : 'Session: this entry has no session id';
    data.session.forEach(function (s) {
      var li = el('li', null, s.isError ? 'err' : '');
      li.appendChild(el('span', s.ts.replace('T', ' ').slice(0, 19), 'time'));
      li.appendChild(el('span', s.status, 'status'));
      li.appendChild(el('span', s.script, 'script'));
      li.appendChild(el('span', s.message, 'message'));
      li.tabIndex = 0;
      li.dataset.id = s.id;
      if (s.id === e.EntryId) li.setAttribute('aria-current', 'true');
      list.appendChild(li);
    });
    var dialog = $('details');
    if (!dialog.open) dialog.showModal();
    $('close').focus();
  }

  function refilter() {
    syncAddress();
    load();
  }

  function wire() {
    $('q').value = state.q;
    $('status').value = state.status;
    if ($('status').value !== state.status) {
      var o = el('option', state.status);
      o.value = state.status;
      $('status').appendChild(o);
      $('status').value = state.status;
    }
    var typing = 0;
    $('q').addEventListener('input', function () {
      clearTimeout(typing);
      typing = setTimeout(function () { state.q = $('q').value.trim(); refilter(); }, 150);
    });
    $('status').addEventListener('change', function () { state.status = $('status').value; refilter(); });
    $('user').addEventListener('change', function () { state.user = $('user').value; refilter(); });
    $('days').addEventListener('change', function () { state.days = parseInt($('days').value, 10) || 0; refilter(); });
    $('counts').addEventListener('click', function (ev) {
      var b = ev.target.closest('button');
      if (!b) return;
      state.status = b.dataset.status;
      $('status').value = state.status;
      refilter();
    });
    $('pause').addEventListener('click', function () {
      state.paused = !state.paused;
      this.textContent = state.paused ? 'Resume' : 'Pause';
      this.setAttribute('aria-pressed', String(state.paused));
      if (state.paused) { closeStream(); setLive('', 'Paused'); } else { load(); }
    });
    function activate(ev, container) {
      var target = ev.target.closest(container);
      if (!target) return;
      if (ev.type === 'keydown' && ev.key !== 'Enter' && ev.key !== ' ') return;
      ev.preventDefault();
      openDetails(target.dataset.id);
    }
    $('rows').addEventListener('click', function (ev) { activate(ev, 'tr'); });
    $('rows').addEventListener('keydown', function (ev) {
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        var row = ev.target.closest('tr');
        var next = row && (ev.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling);
        if (next) { next.focus(); ev.preventDefault(); }
        return;
      }
      activate(ev, 'tr');
    });
    $('session').addEventListener('click', function (ev) { activate(ev, 'li'); });
    $('session').addEventListener('keydown', function (ev) { activate(ev, 'li'); });
    $('close').addEventListener('click', function () { $('details').close(); });
    $('details').addEventListener('close', function () { state.openId = ''; });
    document.addEventListener('keydown', function (ev) {
      var tag = ev.target.tagName;
      if (ev.key === '/' && tag !== 'INPUT' && tag !== 'SELECT' && !$('details').open) { ev.preventDefault(); $('q').focus(); }
    });
  }

  wire();
  load();
})();
