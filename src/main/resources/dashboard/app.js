'use strict';
// The supervisor dashboard: a snapshot at load, then the event feed (WebSocket) from the snapshot's cursor; no
// polling. The session cookie is HttpOnly: this script sees only the session's CSRF token, never the API key.

const csrf = document.querySelector('meta[name="csrf-token"]').content;
const TERMINAL = new Set(['OPERATOR_NOANSWER', 'OPERATOR_BUSY', 'OPERATOR_OFFLINE', 'CLIENT_NOANSWER',
  'CLIENT_BUSY', 'CLIENT_CANCEL', 'ERROR', 'FINISH']);
const PRESENCE = 32;
const RECENT = 20;
const state = { operators: new Map(), calls: new Map(), cursor: 0, retry: 1000, renderDue: false, statsDue: null };

function headers(extra) {
  return Object.assign(csrf ? { 'X-CSRF-Token': csrf } : {}, extra || {});
}

function toLogin(response) {
  if (response.status === 401) {
    location.href = '/dashboard/login';
    return true;
  }
  return false;
}

async function api(method, params, post) {
  const body = new URLSearchParams(params);
  const url = '/api/' + method + '.json';
  const response = post
    ? await fetch(url, { method: 'POST', credentials: 'same-origin', body,
      headers: headers({ 'Content-Type': 'application/x-www-form-urlencoded' }) })
    : await fetch(url + '?' + body, { credentials: 'same-origin', headers: headers() });
  const json = await response.json();
  if (!response.ok) {
    toLogin(response);
    throw new Error(json.error ? json.error.message : response.statusText);
  }
  return json;
}

async function load() {
  const response = await fetch('/dashboard/state.json', { credentials: 'same-origin', headers: headers() });
  if (toLogin(response)) {
    return;
  }
  const snapshot = await response.json();
  state.cursor = snapshot.cursor;
  snapshot.operators.forEach(o => state.operators.set(o.sip, o));
  snapshot.calls.forEach(c => state.calls.set(c.call_id, c));
  render();
  connect();
  refreshFigures();
}

function connect() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  // health=1: the daemon's state (AMI, FastAGI, store, webhooks) comes over the same feed, at once and as it changes
  const socket = new WebSocket(scheme + '//' + location.host + '/api/events?health=1&after_id=' + state.cursor);
  socket.onopen = () => {
    state.retry = 1000;
    live(true);
    refreshFigures();
  };
  socket.onmessage = message => {
    const data = JSON.parse(message.data);
    if (data.type === 'health') {
      renderHealth(data.health);
      renderWebhooks(data.webhooks);
    } else {
      apply(data);
    }
  };
  let opened = false;
  socket.addEventListener('open', () => { opened = true; });
  socket.onclose = () => {
    live(false);
    if (!opened) {
      // refused before it opened: when the session has ended, the login is the way on, not another try
      fetch('/dashboard/state.json', { method: 'HEAD', credentials: 'same-origin' }).then(toLogin).catch(() => {});
    }
    // again from the last event seen: nothing is missed, nothing comes twice into the chains
    setTimeout(connect, state.retry);
    state.retry = Math.min(state.retry * 2, 30000);
  };
}

function apply(event) {
  state.cursor = Math.max(state.cursor, event.id);
  if (event.kind === PRESENCE) {
    state.operators.set(event.from, { sip: event.from, status: event.status, since: event.time });
  } else if (event.status === 'RECORDING') {
    const call = state.calls.get(event.call_id);
    if (call) {
      call.recording_url = event.recording_url;
    }
  } else {
    applyStatus(event);
  }
  scheduleRender();
}

function applyStatus(event) {
  let call = state.calls.get(event.call_id);
  if (!call) {
    call = { call_id: event.call_id, order_id: event.order_id, sip: event.from, phone: event.to,
      created_at: event.time, chain: [] };
    state.calls.set(event.call_id, call);
  }
  if (!call.chain.some(e => e.id === event.id)) {
    call.chain.push({ id: event.id, status: event.status, time: event.time, detail: event.detail });
    call.chain.sort((a, b) => a.id - b.id);
  }
  call.status = call.chain[call.chain.length - 1].status;
  if (TERMINAL.has(event.status)) {
    call.ended_at = event.time;
    scheduleFigures();
  }
}

function scheduleRender() {
  if (!state.renderDue) {
    state.renderDue = true;
    requestAnimationFrame(() => {
      state.renderDue = false;
      render();
    });
  }
}

/** The day's figures move when a call ends: read them again, at most once a second. */
function scheduleFigures() {
  if (state.statsDue === null) {
    state.statsDue = setTimeout(() => {
      state.statsDue = null;
      refreshFigures();
    }, 1000);
  }
}

function live(on) {
  const badge = document.getElementById('live');
  badge.textContent = on ? 'live' : 'reconnecting';
  badge.className = 'badge ' + (on ? 'ok' : 'off');
}

/** Finds or makes the row keyed so, with n cells: rows (and their audio players) survive re-rendering. */
function row(tbody, key, n) {
  let tr = tbody.querySelector('tr[data-key="' + key + '"]');
  if (!tr) {
    tr = document.createElement('tr');
    tr.dataset.key = key;
    for (let i = 0; i < n; i++) {
      tr.appendChild(document.createElement('td'));
    }
  }
  return tr;
}

function text(cell, value) {
  const shown = value === null || value === undefined ? '' : String(value);
  if (cell.textContent !== shown) {
    cell.textContent = shown;
  }
}

/** Puts exactly {@code rows}, in order, into {@code tbody}. */
function place(tbody, rows) {
  rows.forEach((tr, i) => {
    if (tbody.children[i] !== tr) {
      tbody.insertBefore(tr, tbody.children[i] || null);
    }
  });
  while (tbody.children.length > rows.length) {
    tbody.removeChild(tbody.lastChild);
  }
}

/** A table of plain text cells: a row per item, keyed, with the cells {@code values} gives; the rows. */
function fill(table, items, key, values) {
  const tbody = document.querySelector(table + ' tbody');
  const rows = items.map(item => {
    const cells = values(item);
    const tr = row(tbody, key(item), cells.length);
    cells.forEach((v, i) => text(tr.cells[i], v));
    return tr;
  });
  place(tbody, rows);
  return rows;
}

function render() {
  const calls = [...state.calls.values()].sort((a, b) => b.call_id - a.call_id);
  const running = calls.filter(c => !c.ended_at);
  renderOperators(running);
  renderRunning(running);
  renderRecent(calls.filter(c => c.ended_at).slice(0, RECENT));
  tick();
}

function renderOperators(running) {
  const tbody = document.querySelector('#operators tbody');
  const rows = [...state.operators.values()].sort((a, b) => a.sip.localeCompare(b.sip)).map(o => {
    const tr = row(tbody, o.sip, 3);
    tr.dataset.sip = o.sip;
    tr.dataset.status = o.status;
    const current = running.find(c => c.sip === o.sip);
    text(tr.cells[0], o.sip);
    text(tr.cells[1], o.status);
    tr.cells[1].className = 'presence ' + o.status;
    text(tr.cells[2], current ? '#' + current.call_id + ' ' + current.phone + ' ' + current.status : '');
    return tr;
  });
  place(tbody, rows);
}

function renderRunning(running) {
  const tbody = document.querySelector('#calls tbody');
  const rows = running.map(c => {
    const tr = row(tbody, c.call_id, 6);
    tr.dataset.callId = c.call_id;
    tr.dataset.status = c.status;
    tr.dataset.started = c.created_at;
    text(tr.cells[0], '#' + c.call_id + ' (' + c.order_id + ')');
    text(tr.cells[1], c.sip);
    text(tr.cells[2], c.phone);
    text(tr.cells[3], c.status);
    tr.cells[4].className = 'duration';
    if (!tr.cells[5].firstChild) {
      const release = document.createElement('button');
      release.textContent = 'Release';
      release.className = 'release';
      release.onclick = () => api('releaseCall', { call_id: c.call_id }, true)
        .catch(e => alert('releaseCall: ' + e.message));
      tr.cells[5].appendChild(release);
      // the supervisor's phone rings, and once answered listens in (spyCall; control.supervisors decides who may)
      const listen = document.createElement('button');
      listen.textContent = 'Listen';
      listen.className = 'listen';
      listen.onclick = () => {
        const supervisor = document.getElementById('supervisor').value.trim();
        const mode = document.getElementById('spy-mode').value;
        if (!supervisor) {
          alert('spyCall: enter the phone to ring first');
          return;
        }
        api('spyCall', { call_id: c.call_id, supervisor, mode }, true)
          .then(() => { listen.textContent = 'Ringing ' + supervisor; listen.disabled = true; })
          .catch(e => alert('spyCall: ' + e.message));
      };
      tr.cells[5].appendChild(listen);
    }
    return tr;
  });
  place(tbody, rows);
}

function renderRecent(ended) {
  const tbody = document.querySelector('#recent tbody');
  const rows = ended.map(c => {
    const tr = row(tbody, c.call_id, 6);
    tr.dataset.callId = c.call_id;
    tr.dataset.status = c.status;
    const last = c.chain[c.chain.length - 1];
    text(tr.cells[0], '#' + c.call_id + ' (' + c.order_id + ')');
    text(tr.cells[1], c.sip);
    text(tr.cells[2], c.phone);
    text(tr.cells[3], c.status + (last && last.detail ? ': ' + last.detail : ''));
    tr.cells[3].className = c.status === 'FINISH' ? 'outcome ok' : 'outcome';
    text(tr.cells[4], c.chain.map(e => e.status).join(' \u2192 '));
    tr.cells[4].className = 'chain';
    const audio = tr.cells[5].querySelector('audio');
    if (c.recording_url && !audio) {
      const player = document.createElement('audio');
      player.controls = true;
      player.preload = 'metadata';
      player.src = c.recording_url;
      tr.cells[5].appendChild(player);
    }
    return tr;
  });
  place(tbody, rows);
}

/** Live durations: from the page's own clock, once a second; nothing is asked of the daemon. */
function tick() {
  const now = Date.now();
  document.querySelectorAll('#calls tbody tr').forEach(tr => {
    const seconds = Math.max(0, Math.round((now - Date.parse(tr.dataset.started)) / 1000));
    text(tr.cells[4], Math.floor(seconds / 60) + ':' + String(seconds % 60).padStart(2, '0'));
  });
}

function localDate() {
  const d = new Date();
  return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
}

function refreshFigures() {
  const today = localDate();
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  api('callStats', { from: today, to: today, tz }).then(renderStats).catch(e => text(document.getElementById('totals'),
    'callStats: ' + e.message));
}

function seconds(ms) {
  return ms === null || ms === undefined ? '\u2013' : Math.round(ms / 1000) + ' s';
}

function rate(r) {
  return r === null || r === undefined ? '\u2013' : Math.round(r * 100) + ' %';
}

function renderStats(stats) {
  const t = stats.totals;
  text(document.getElementById('totals'), t.calls + (t.calls === 1 ? ' call, ' : ' calls, ') + t.answered + ' answered (' + rate(t.answer_rate)
    + '), average ring ' + seconds(t.avg_ring_ms) + ', talk ' + seconds(t.avg_talk_ms));
  fill('#by-operator', stats.by_operator, o => o.sip,
    o => [o.sip, o.calls, o.answered, rate(o.answer_rate), seconds(o.avg_talk_ms)]);
  const bars = document.getElementById('by-hour');
  const most = Math.max(1, ...stats.by_hour.map(h => h.calls));
  bars.replaceChildren(...stats.by_hour.map(h => {
    const bar = document.createElement('div');
    bar.className = 'bar';
    bar.title = h.hour + ': ' + h.calls + ' calls, ' + h.answered + ' answered';
    const fill = document.createElement('span');
    fill.style.height = Math.round(100 * h.calls / most) + '%';
    const label = document.createElement('small');
    label.textContent = h.hour.substring(11, 13) + 'h ' + h.calls;
    bar.append(fill, label);
    return bar;
  }));
}

function renderHealth(health) {
  const badge = document.getElementById('health');
  badge.textContent = health.status;
  badge.className = 'badge ' + (health.status === 'ok' ? 'ok' : 'off');
  const dl = document.getElementById('state');
  const items = [['AMI', health.ami_ready ? 'ready' : health.ami_connected ? 'connected, not ready' : 'down'],
    ['FastAGI', health.agi_listening ? 'listening' : 'down'],
    ['Store', health.store_writable ? 'writable' : 'failing: ' + (health.store_error || '')],
    ['Role', health.role + (health.daemon ? ' (' + health.daemon + ')' : '')]];
  dl.replaceChildren(...items.flatMap(([k, v]) => {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = v;
    return [dt, dd];
  }));
}

function renderWebhooks(webhooks) {
  const targets = webhooks.length ? webhooks
    : [{ url: 'none configured', state: '', pending: '', last_error: '' }];
  fill('#webhooks', targets, w => w.url, w => [w.url, w.state, w.pending, w.last_error || ''])
    .forEach((tr, i) => {
      const state = targets[i].state;
      tr.cells[1].className = state === 'ok' ? 'presence online' : state ? 'presence inuse' : '';
    });
}

document.getElementById('make-call').addEventListener('submit', event => {
  event.preventDefault();
  const form = event.target;
  const result = document.getElementById('make-call-result');
  api('makeCall', new FormData(form), true).then(answer => {
    text(result, 'call #' + answer.call_id + ' placed');
    result.dataset.callId = answer.call_id;
    form.elements.external_key.value = '';
  }).catch(e => {
    text(result, e.message);
    delete result.dataset.callId;
  });
});

if (!csrf) {
  document.getElementById('logout').hidden = true;
}
setInterval(tick, 1000);
load();
