// The backchannel dashboard. Reads the JSON API of the server that serves this page, draws
// the timeline, positions and forecast with Chart.js and the actor network with Cytoscape.js
// (both vendored), and reloads when the server announces new documents (server-sent events).
// Clicking any item shows the sentences it was read in.
(function () {
  'use strict';

  // PLOVER types from cooperation to conflict, each with its colour.
  const PLOVER = [
    ['AGREE', '#15803d'], ['CONSULT', '#2563eb'], ['SUPPORT', '#0d9488'], ['CONCEDE', '#65a30d'],
    ['COOPERATE', '#16a34a'], ['AID', '#0891b2'], ['RETREAT', '#84cc16'], ['REQUEST', '#7c3aed'],
    ['ACCUSE', '#ea580c'], ['REJECT', '#dc2626'], ['THREATEN', '#b91c1c'], ['PROTEST', '#f59e0b'],
    ['SANCTION', '#9d174d'], ['MOBILIZE', '#a16207'], ['COERCE', '#7f1d1d'], ['ASSAULT', '#450a0a'],
  ];
  const COLOR = Object.fromEntries(PLOVER);
  const PARTY_COLORS = ['#2563eb', '#dc2626', '#059669', '#d97706', '#7c3aed', '#0891b2', '#be185d', '#4b5563'];
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const EVENTS_PAGE = 50;

  const $ = (id) => document.getElementById(id);
  const state = {
    generation: 0,
    charts: {},
    cy: null,
    events: { next: null, type: '', actor: '' },
    issues: null,
    spans: new Map(),
  };

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === 'class') node.className = v;
      else if (k === 'onclick') node.addEventListener('click', v);
      else if (k === 'dataset') Object.assign(node.dataset, v);
      else if (v !== undefined && v !== null) node.setAttribute(k, v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  async function api(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const err = new Error((body && body.error && body.error.message) || response.statusText);
      err.status = response.status;
      throw err;
    }
    return body;
  }

  // All pages of a list, up to `max` items.
  async function all(path, max) {
    const items = [];
    let next = null;
    let total = 0;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page = await api(path + sep + 'limit=1000' + (next ? '&cursor=' + encodeURIComponent(next) : ''));
      items.push(...page.items);
      total = page.total;
      next = page.next;
    } while (next && items.length < max);
    return { items, total };
  }

  // TIMEX3 date value → day number (days since 1970-01-01) of its first day, or null.
  function dayNumber(value) {
    if (!value) return null;
    let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3]) / 864e5;
    m = /^(\d{4})-W(\d{2})$/.exec(value);
    if (m) {
      const jan4 = Date.UTC(+m[1], 0, 4) / 864e5;
      const weekday = (new Date(jan4 * 864e5).getUTCDay() + 6) % 7;
      return jan4 - weekday + (+m[2] - 1) * 7;
    }
    m = /^(\d{4})-(\d{2})$/.exec(value);
    if (m) return Date.UTC(+m[1], +m[2] - 1, 1) / 864e5;
    m = /^(\d{4})$/.exec(value);
    if (m) return Date.UTC(+m[1], 0, 1) / 864e5;
    return null;
  }

  function fmtDay(n) {
    const d = new Date(Math.round(n) * 864e5);
    return MONTHS[d.getUTCMonth()] + ' ' + d.getUTCDate();
  }

  function alpha(hex, a) {
    const n = parseInt(hex.slice(1), 16);
    return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${a})`;
  }

  function tag(plover, status) {
    const color = COLOR[plover] || '#6b7280';
    const planned = status && status !== 'occurred';
    return el('span', {
      class: 'tag' + (planned ? ' planned' : ''),
      style: planned ? `color:${color}` : `background:${color}`,
      title: status || '',
    }, plover);
  }

  function empty(list, text) {
    list.replaceChildren(el('li', { class: 'empty' }, text));
  }

  // ----- evidence drawer -----

  // UTF-8 byte offsets → text (the API's spans are byte offsets).
  function sliceBytes(text, start, end) {
    const bytes = new TextEncoder().encode(text);
    return new TextDecoder().decode(bytes.slice(start, end));
  }

  async function span(ev) {
    const key = `${ev.doc}|${ev.start}|${ev.end}`;
    if (!state.spans.has(key)) {
      state.spans.set(key, api(`/api/documents/${encodeURIComponent(ev.doc)}/span?start=${ev.start}&end=${ev.end}`));
    }
    return state.spans.get(key);
  }

  // groups: [{label, evidence: [{doc, start, end}]}]
  async function showEvidence(what, groups) {
    const drawer = $('evidence');
    const list = $('evidence-list');
    $('evidence-what').textContent = what;
    list.replaceChildren();
    drawer.hidden = false;
    for (const group of groups) {
      if (group.label) list.append(el('li', { class: 'cite-head' }, el('b', {}, group.label)));
      const shown = group.evidence.slice(0, 12);
      const items = await Promise.all(shown.map((ev) => span(ev).catch((err) => ({ error: err.message, doc: ev.doc }))));
      for (const s of items) {
        if (s.error) {
          list.append(el('li', {}, el('div', { class: 'cite-head' }, s.doc + ': ' + s.error)));
          continue;
        }
        const head = el('div', { class: 'cite-head' },
          el('b', {}, s.title || s.doc), s.source ? ' · ' + s.source : '', s.published ? ' · ' + s.published : '',
          ` · ${s.doc}` + (s.sentence !== null && s.sentence !== undefined ? ` §${s.sentence + 1}` : ''));
        list.append(el('li', { class: 'quote-item', dataset: { doc: s.doc } }, head, el('blockquote', { class: 'quote' }, s.text)));
      }
      if (group.evidence.length > shown.length) {
        list.append(el('li', { class: 'muted' }, `and ${group.evidence.length - shown.length} more`));
      }
    }
    if (!groups.some((g) => g.evidence.length)) list.append(el('li', { class: 'empty' }, 'no evidence recorded'));
  }

  async function showDocument(id) {
    const doc = await api(`/api/documents/${encodeURIComponent(id)}`);
    const d = doc.document;
    const list = $('evidence-list');
    $('evidence-what').textContent = d.title || d.id;
    $('evidence').hidden = false;
    list.replaceChildren(el('li', { class: 'cite-head' },
      [d.source, d.published || d.inferred_date, d.id, d.url].filter(Boolean).join(' · ')));
    const events = (doc.record && doc.record.events) || [];
    if (events.length) {
      for (const e of events.slice(0, 20)) {
        list.append(el('li', {}, el('div', { class: 'cite-head' }, tag(e.plover, e.status),
          `${e.source.code} → ${e.target.code} · ${e.trigger}` + (e.date ? ' · ' + e.date : '')),
        el('blockquote', { class: 'quote' }, sliceBytes(doc.text, e.start, e.end))));
      }
    } else {
      const text = doc.text.length > 900 ? doc.text.slice(0, 900) + '…' : doc.text;
      list.append(el('li', {}, el('blockquote', { class: 'quote' }, text)));
    }
  }

  // ----- status and live updates -----

  async function loadStatus() {
    const s = await api('/api/status');
    state.generation = s.generation;
    $('dossier-name').textContent = s.dossier + (s.proposed_dossier ? ' (proposed dossier)' : '');
    $('counts').textContent = `${s.documents} documents · ${s.analysed} analysed · ${s.events} events`;
    document.body.dataset.generation = s.generation;
    return s;
  }

  function listen() {
    if (!window.EventSource) return;
    const live = $('live');
    const source = new EventSource('/api/stream');
    source.onopen = () => live.classList.add('on');
    source.onerror = () => live.classList.remove('on');
    source.addEventListener('update', (msg) => {
      const data = JSON.parse(msg.data);
      if (data.generation !== state.generation) {
        live.classList.add('flash');
        setTimeout(() => live.classList.remove('flash'), 1500);
        loadAll();
      }
    });
  }

  // ----- timeline -----

  async function loadTimeline() {
    const { items, total } = await all('/api/timeline', 20000);
    const present = PLOVER.map(([t]) => t).filter((t) => items.some((i) => i.plover === t));
    const row = Object.fromEntries(present.map((t, i) => [t, i]));
    const stack = new Map();
    const datasets = present.map((t) => ({ label: t, data: [], borderColor: COLOR[t] }));
    let undated = 0;
    for (const item of items) {
      const x = dayNumber(item.date);
      if (x === null) { undated += 1; continue; }
      const key = x + '|' + item.plover;
      const k = stack.get(key) || 0;
      stack.set(key, k + 1);
      const jitter = ((k % 5) - 2) * 0.12;
      datasets[row[item.plover]].data.push({ x, y: row[item.plover] + jitter, r: 5 + 3 * Math.sqrt(item.sources), item });
    }
    const drawn = items.length - undated;
    const canvas = $('timeline');
    canvas.dataset.count = drawn;
    canvas.dataset.total = total;
    $('timeline-count').textContent = `${drawn} events` + (total > items.length ? ` (first ${items.length} of ${total})` : '');
    const days = datasets.flatMap((d) => d.data.map((p) => p.x));
    const last = days.length ? Math.max(...days) : 0;
    const recent = $('timeline-range').value === 'recent';
    const inWindow = days.filter((x) => x >= last - 42);
    const xMin = recent && inWindow.length ? Math.min(...inWindow) : undefined;
    const earlier = xMin === undefined ? 0 : days.filter((x) => x < xMin).length;
    const notes = [];
    if (earlier) notes.push(`${earlier} earlier event${earlier === 1 ? '' : 's'} before ${fmtDay(xMin)} (choose “all dates”).`);
    if (undated) notes.push(`${undated} event${undated === 1 ? '' : 's'} with a date that has no day (e.g. XXXX-02-11) not drawn.`);
    $('timeline-note').textContent = notes.join(' ');
    if (state.charts.timeline) state.charts.timeline.destroy();
    state.charts.timeline = new Chart(canvas, {
      type: 'bubble',
      data: { datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        elements: {
          point: {
            backgroundColor: (ctx) => {
              const p = ctx.raw;
              const c = COLOR[ctx.dataset.label] || '#6b7280';
              return p && p.item.status === 'planned' ? alpha(c, 0.08) : alpha(c, 0.7);
            },
            borderColor: (ctx) => COLOR[ctx.dataset.label] || '#6b7280',
            borderWidth: (ctx) => (ctx.raw && ctx.raw.item.status === 'planned' ? 2 : 1),
            hoverBorderWidth: 3,
          },
        },
        scales: {
          x: { type: 'linear', min: xMin === undefined ? undefined : xMin - 1, max: days.length ? last + 3 : undefined, ticks: { callback: (v) => fmtDay(v), maxRotation: 0, autoSkipPadding: 12 }, grid: { color: '#eef0f3' } },
          y: {
            min: -0.7, max: Math.max(present.length - 0.3, 0.3), reverse: true,
            afterBuildTicks: (axis) => { axis.ticks = present.map((_, i) => ({ value: i })); },
            ticks: { callback: (v) => present[v] || '', autoSkip: false, font: { size: 11 } },
            grid: { color: '#f1f2f5' },
          },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (ctx) => {
                const i = ctx.raw.item;
                return `${i.date} · ${i.what} · ${i.sources} source${i.sources === 1 ? '' : 's'}` + (i.status === 'planned' ? ' · planned' : '');
              },
            },
          },
        },
        onClick: (evt, elements) => {
          if (!elements.length) return;
          const { datasetIndex, index } = elements[0];
          const i = datasets[datasetIndex].data[index].item;
          showEvidence(`${i.date} · ${i.plover} · ${i.what}` + (i.location ? ` · ${i.location}` : '') +
            ` — ${i.sources} independent source${i.sources === 1 ? '' : 's'}` + (i.copies.length ? `, copies: ${i.copies.join(', ')}` : ''),
          [{ evidence: i.evidence }]);
        },
      },
    });
  }

  // ----- network -----

  // A force layout of a few parties around one or two hubs comes out as a tall, narrow (or
  // flat, wide) cloud, which fitting to the box leaves in a strip of it. Stretch the
  // positions along the short side (at most 2.5 times) so the graph uses the box's shape.
  function fillBox(cy, box) {
    const bb = cy.nodes().boundingBox();
    const want = box.clientWidth / Math.max(1, box.clientHeight);
    const have = bb.w / Math.max(1, bb.h);
    if (!isFinite(have) || cy.nodes().length < 3) return;
    const kx = have < want ? Math.min(want / have, 2.5) : 1;
    const ky = have > want ? Math.min(have / want, 2.5) : 1;
    if (kx === 1 && ky === 1) return;
    cy.nodes().positions((n) => ({ x: n.position('x') * kx, y: n.position('y') * ky }));
    cy.fit(undefined, 30);
  }

  async function loadNetwork() {
    const net = await api('/api/network');
    const box = $('network');
    box.dataset.nodes = net.nodes.length;
    box.dataset.edges = net.edges.length;
    $('network-count').textContent = `${net.nodes.length} parties · ${net.edges.length} links`;
    const maxEvents = Math.max(1, ...net.nodes.map((n) => n.events + n.mediated));
    const maxWeight = Math.max(1, ...net.edges.map((e) => e.weight));
    const elements = [
      ...net.nodes.map((n) => ({ data: { id: n.id, label: n.id, size: Math.max(22 + 40 * Math.sqrt((n.events + n.mediated) / maxEvents), 9 * n.id.length + 8) } })),
      ...net.edges.map((e, i) => ({
        data: {
          id: 'e' + i, source: e.source, target: e.target, kind: e.kind, weight: e.weight,
          width: 1.5 + 8 * Math.sqrt(e.weight / maxWeight),
          color: e.kind === 'mediates' ? '#9ca3af' : e.goldstein < -1 ? '#dc2626' : e.goldstein > 1 ? '#16a34a' : '#6b7280',
          label: e.kind === 'mediates' ? '' : String(e.weight),
        },
      })),
    ];
    if (state.cy) state.cy.destroy();
    if (!net.nodes.length) {
      state.cy = null;
      box.replaceChildren(el('p', { class: 'empty' }, 'no events between parties yet'));
      return;
    }
    box.replaceChildren();
    state.cy = cytoscape({
      container: box,
      elements,
      wheelSensitivity: 0.3,
      layout: { name: net.nodes.length <= 8 ? 'circle' : 'cose', animate: false, padding: 30 },
      style: [
        { selector: 'node', style: { 'background-color': '#1e3a8a', label: 'data(label)', color: '#fff', 'text-valign': 'center', 'font-size': 12, 'font-weight': 600, width: 'data(size)', height: 'data(size)' } },
        { selector: 'edge', style: { width: 'data(width)', 'line-color': 'data(color)', 'target-arrow-color': 'data(color)', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', opacity: 0.85, label: 'data(label)', 'font-size': 10, color: '#374151', 'text-background-color': '#fff', 'text-background-opacity': 0.8 } },
        { selector: 'edge[kind = "mediates"]', style: { 'line-style': 'dashed', 'target-arrow-shape': 'none' } },
        { selector: ':selected', style: { 'overlay-color': '#2457c5', 'overlay-opacity': 0.15 } },
      ],
    });
    fillBox(state.cy, box);
    if (!state.cyObserver && window.ResizeObserver) {
      state.cyObserver = new ResizeObserver(() => {
        if (state.cy) { state.cy.resize(); state.cy.fit(undefined, 30); }
      });
      state.cyObserver.observe(box);
    }
    state.cy.on('tap', 'node', (evt) => {
      $('events-actor').value = evt.target.id();
      state.events.actor = evt.target.id();
      loadEvents(false);
    });
    state.cy.on('tap', 'edge', async (evt) => {
      const e = evt.target.data();
      const dyad = `${e.source},${e.target}`;
      const page = await api(`/api/events?dyad=${encodeURIComponent(dyad)}&limit=20`);
      showEvidence(e.kind === 'mediates' ? `${e.source} mediates with ${e.target}` : `${e.source} → ${e.target}: ${e.weight} events`,
        page.items.map((ev) => ({ label: `${ev.date || ev.doc_date || ''} ${ev.plover} · ${ev.source.code} → ${ev.target.code} · ${ev.trigger}`, evidence: ev.evidence })));
    });
  }

  // ----- events list -----

  async function loadEvents(more) {
    const list = $('events');
    const params = new URLSearchParams({ limit: EVENTS_PAGE, order: 'desc' });
    if (state.events.type) params.set('type', state.events.type);
    if (state.events.actor) params.set('actor', state.events.actor);
    if (more && state.events.next) params.set('cursor', state.events.next);
    let page;
    try {
      page = await api('/api/events?' + params);
    } catch (err) {
      empty(list, err.message);
      return;
    }
    if (!more) list.replaceChildren();
    for (const e of page.items) {
      const li = el('li', { class: 'event', dataset: { id: e.id } },
        el('span', { class: 'date' }, e.date || e.doc_date || '—'), tag(e.plover, e.status),
        `${e.source.code} → ${e.target.code}`, e.mediator ? ` (via ${e.mediator.code})` : '', ` · ${e.trigger}`,
        el('span', { class: 'pill' }, e.doc));
      li.addEventListener('click', () => {
        list.querySelectorAll('li.selected').forEach((n) => n.classList.remove('selected'));
        li.classList.add('selected');
        showEvidence(`${e.date || e.doc_date || ''} · ${e.plover} (${e.cameo}, Goldstein ${e.goldstein}) · ${e.source.code} → ${e.target.code} · ${e.status}`, [{ evidence: e.evidence }]);
      });
      list.append(li);
    }
    if (!list.children.length) empty(list, 'no events match');
    state.events.next = page.next;
    $('events-more').hidden = !page.next;
    $('events-count').textContent = `${page.total} events`;
    $('events-filter').textContent = [state.events.type, state.events.actor].filter(Boolean).join(' · ');
  }

  // ----- positions and issues -----

  async function loadIssues() {
    state.issues = await api('/api/issues');
    const select = $('issue-select');
    const scaled = state.issues.dossier.issues.filter((i) => i.scale);
    const current = select.value;
    select.replaceChildren(...state.issues.dossier.issues.map((i) =>
      el('option', { value: i.id }, i.id + (i.scale ? '' : ' (no scale)'))));
    const keep = state.issues.dossier.issues.some((i) => i.id === current);
    select.value = keep ? current : (scaled[0] || state.issues.dossier.issues[0] || {}).id || '';
    await loadPositions();
  }

  async function loadPositions() {
    const issueId = $('issue-select').value;
    const issue = state.issues.dossier.issues.find((i) => i.id === issueId);
    const { items } = issueId ? await all('/api/positions?issue=' + encodeURIComponent(issueId), 5000) : { items: [] };
    const parties = [...new Set([...state.issues.dossier.parties, ...items.map((p) => p.actor)])];
    const datasets = parties.map((party, k) => {
      const points = items.filter((p) => p.actor === party && p.value !== null && dayNumber(p.date) !== null)
        .map((p) => ({ x: dayNumber(p.date), y: p.value, p }))
        .sort((a, b) => a.x - b.x);
      const c = PARTY_COLORS[k % PARTY_COLORS.length];
      return { label: party, data: points, borderColor: c, backgroundColor: c, pointRadius: 5, pointHoverRadius: 7, tension: 0, stepped: false };
    }).filter((d) => d.data.length);
    const canvas = $('positions');
    canvas.dataset.count = datasets.reduce((n, d) => n + d.data.length, 0);
    if (state.charts.positions) state.charts.positions.destroy();
    const labels = issue && issue.scale ? Object.fromEntries(issue.scale.points.map((p) => [p.value, p.label])) : {};
    state.charts.positions = new Chart(canvas, {
      type: 'line',
      data: { datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        scales: {
          x: { type: 'linear', grace: '5%', ticks: { callback: (v) => fmtDay(v), maxRotation: 0 } },
          y: { min: 0, max: 100, ticks: { stepSize: 25, callback: (v) => (labels[v] ? `${v} ${labels[v]}` : v), font: { size: 10.5 } } },
        },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 12 } },
          tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${ctx.raw.p.kind} ${ctx.raw.y} — ${ctx.raw.p.summary}` } },
        },
        onClick: (evt, elements) => {
          if (!elements.length) return;
          const p = datasets[elements[0].datasetIndex].data[elements[0].index].p;
          showEvidence(`${p.actor} on ${p.issue} (${p.date}): ${p.kind.replace('_', ' ')} — ${p.summary}`, [{ evidence: p.evidence }]);
        },
      },
    });
    // The party × issue table: latest stance per party on this issue.
    const table = $('issues');
    const rows = state.issues.rows.filter((r) => r.issue === issueId);
    table.replaceChildren(el('tr', {}, el('th', {}, 'party'), el('th', {}, 'latest stance'), el('th', {}, 'value'), el('th', {}, 'trend')));
    for (const r of rows) {
      const tr = el('tr', { class: 'cite' }, el('td', {}, r.party), el('td', {}, `${r.kind.replace('_', ' ')}: ${r.stance}`),
        el('td', {}, r.value === null ? '—' : String(Math.round(r.value))), el('td', {}, r.trend));
      tr.addEventListener('click', () => showEvidence(`${r.party} on ${r.issue}: ${r.stance}`, [{ evidence: r.evidence }]));
      table.append(tr);
    }
    if (!rows.length) table.append(el('tr', {}, el('td', { colspan: 4, class: 'empty' }, issue ? `no stance read on ${issue.id} yet` : 'no issues in the dossier')));
  }

  // ----- contradictions and schedule -----

  async function loadContradictions() {
    const page = await api('/api/contradictions?limit=200');
    const list = $('contradictions');
    list.replaceChildren();
    $('contradictions-count').textContent = `${page.total}`;
    for (const c of page.items) {
      const sides = c.values.map((v) => el('div', { class: 'side' }, el('b', {}, v.value), ` — ${v.sources} source${v.sources === 1 ? '' : 's'}`,
        v.outlier ? el('span', { class: 'pill outlier' }, 'outlier') : null,
        v.copies.length ? el('span', { class: 'pill' }, `${v.copies.length} cop${v.copies.length === 1 ? 'y' : 'ies'}`) : null));
      const li = el('li', {}, el('div', {}, el('b', {}, c.subject), ` · ${c.attribute}`, c.internal ? el('span', { class: 'pill outlier' }, 'within one document') : null), sides);
      li.addEventListener('click', () => showEvidence(`${c.subject} · ${c.attribute}: sources disagree`,
        c.values.map((v) => ({ label: `“${v.value}” — ${v.sources} source${v.sources === 1 ? '' : 's'}`, evidence: v.evidence }))));
      list.append(li);
    }
    if (!page.items.length) empty(list, 'no disagreements between sources found');
  }

  // A TIMEX3 date as a reader says it: unknown parts and vague references in words rather
  // than as XXXX placeholders.
  function readableDate(value) {
    if (!value || /^X+(-X+)*$/.test(value)) return 'date not given';
    const vague = { FUTURE_REF: 'later', PRESENT_REF: 'now', PAST_REF: 'earlier' };
    if (vague[value]) return vague[value];
    if (value.startsWith('XXXX-')) return `${value.slice(5).replace(/-?X+/g, '')} (year not given)`;
    return value;
  }

  async function loadSchedule() {
    const page = await api('/api/schedule?limit=200');
    const list = $('schedule');
    list.replaceChildren();
    $('schedule-count').textContent = `${page.total}`;
    for (const s of page.items) {
      const when = readableDate(s.date);
      const li = el('li', {}, el('span', { class: 'date' }, when), s.what, el('span', { class: 'pill' }, s.actors.join(', ')));
      li.addEventListener('click', () => showEvidence(`${when} · ${s.what}`, [{ evidence: s.evidence }]));
      list.append(li);
    }
    if (!page.items.length) empty(list, 'nothing scheduled after the latest article');
  }

  // ----- forecast -----

  async function loadForecast() {
    const note = $('forecast-note');
    const box = $('forecast-box');
    let report;
    try {
      report = await api('/api/forecast');
    } catch (err) {
      box.hidden = true;
      note.textContent = err.status === 501 ? `Not available yet: ${err.message}` : err.message;
      return;
    }
    box.hidden = false;
    const issues = report.issues || [];
    const dims = issues.map((i) => i.issue);
    if (state.charts.forecast) state.charts.forecast.destroy();
    state.charts.forecast = new Chart($('forecast'), {
      type: 'bar',
      data: {
        labels: dims,
        datasets: [
          { label: '10–90% of Monte Carlo runs', data: issues.map((i) => (i.q10 != null && i.q90 != null ? [i.q10, i.q90] : null)), backgroundColor: 'rgba(36,87,197,.35)', borderSkipped: false, barPercentage: 0.5 },
          { type: 'scatter', label: 'predicted outcome', data: issues.map((i) => ({ x: i.outcome, y: i.issue })), backgroundColor: '#111827', pointRadius: 6, pointStyle: 'rectRot' },
        ],
      },
      options: { indexAxis: 'y', animation: false, maintainAspectRatio: false, scales: { x: { min: 0, max: 100 } } },
    });
    const skipped = (report.skipped || []).length;
    note.textContent = `${issues.length} issue${issues.length === 1 ? '' : 's'} forecast on their 0–100 scales (Spatial Model of Politics, Monte Carlo 10–90% range)` +
      (skipped ? `; ${skipped} not forecast: ${report.skipped.map((s) => s.issue).join(', ')}.` : '.');
  }

  // ----- search -----

  function snippet(text) {
    // Matched words come between [ and ]: shown highlighted, everything else as text.
    const out = [];
    const re = /\[([^\]]*)\]/g;
    let last = 0;
    let m;
    while ((m = re.exec(text))) {
      out.push(text.slice(last, m.index), el('mark', {}, m[1]));
      last = m.index + m[0].length;
    }
    out.push(text.slice(last));
    return out;
  }

  async function search(q) {
    const panel = $('search-panel');
    const list = $('search-results');
    panel.hidden = false;
    list.replaceChildren();
    let page;
    try {
      page = await api('/api/search?limit=25&q=' + encodeURIComponent(q));
    } catch (err) {
      empty(list, err.message);
      $('search-count').textContent = '';
      return;
    }
    $('search-count').textContent = `${page.items.length}${page.next ? '+' : ''} for “${q}”`;
    for (const hit of page.items) {
      const li = el('li', { class: 'hit', dataset: { id: hit.id } },
        el('div', {}, el('b', {}, hit.title || hit.id), el('span', { class: 'muted' }, ' · ' + [hit.source, hit.published || hit.inferred_date, hit.id].filter(Boolean).join(' · '))),
        el('div', { class: 'snippet' }, snippet(hit.snippet)));
      li.addEventListener('click', () => showDocument(hit.id));
      list.append(li);
    }
    if (!page.items.length) empty(list, 'no article matches');
  }

  // ----- wiring -----

  async function loadAll() {
    const started = performance.now();
    await loadStatus();
    state.events.next = null;
    const results = await Promise.allSettled([
      loadTimeline(), loadNetwork(), loadEvents(false), loadIssues(), loadContradictions(), loadSchedule(), loadForecast(),
    ]);
    results.filter((r) => r.status === 'rejected').forEach((r) => console.error(r.reason));
    document.body.dataset.ready = 'true';
    document.body.dataset.loadMs = Math.round(performance.now() - started);
  }

  function wire() {
    const select = $('events-type');
    for (const [t] of PLOVER) select.append(el('option', { value: t }, t));
    select.addEventListener('change', () => { state.events.type = select.value; loadEvents(false); });
    $('events-actor').addEventListener('change', (e) => { state.events.actor = e.target.value.trim().toUpperCase(); loadEvents(false); });
    $('events-clear').addEventListener('click', () => {
      state.events.type = ''; state.events.actor = ''; select.value = ''; $('events-actor').value = ''; loadEvents(false);
    });
    $('events-more').addEventListener('click', () => loadEvents(true));
    $('issue-select').addEventListener('change', () => loadPositions());
    $('timeline-range').addEventListener('change', () => loadTimeline());
    $('evidence-close').addEventListener('click', () => { $('evidence').hidden = true; });
    $('search-close').addEventListener('click', () => { $('search-panel').hidden = true; });
    $('search-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const q = $('search').value.trim();
      if (q) search(q);
    });
    document.addEventListener('keydown', (e) => { if (e.key === 'Escape') $('evidence').hidden = true; });
  }

  wire();
  window.backchannel = { state, ready: loadAll().then(listen) };
})();
