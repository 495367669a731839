// Runs a page's cross-origin calls one after another and shows each result, for people and for the browser test:
//   <tr data-call="ID" data-status="pending|ok|blocked|failed"> ... <td class="detail">what the page could read</td>
//   <body data-done="true"> once every call has finished.
// "blocked": fetch() rejected, which is all JavaScript learns when the browser refuses a CORS response (the
// reason is in the browser console). "failed": the response was readable but not what the call needed.
'use strict';

class Unreadable extends Error {}

async function runCalls(calls) {
  const rows = document.getElementById('calls');
  for (const call of calls) {
    rows.appendChild(row(call));
  }
  let worked = 0;
  for (const call of calls) {
    const result = await runCall(call);
    const tr = rows.querySelector(`tr[data-call="${call.id}"]`);
    tr.dataset.status = result.status;
    tr.querySelector('.status').textContent = result.status;
    tr.querySelector('.detail').textContent = result.detail;
    if (result.status === 'ok') {
      worked++;
    }
  }
  document.getElementById('summary').textContent = `${worked} of ${calls.length} calls could read their response.`;
  document.body.dataset.done = 'true';
}

async function runCall(call) {
  let response;
  try {
    response = await call.request();
  } catch (e) {
    return {status: 'blocked', detail: `blocked by the browser (${e.name}: ${e.message}); the console says why`};
  }
  try {
    const text = await response.text();
    if (!response.ok) {
      return {status: 'failed', detail: `HTTP ${response.status} ${text}`};
    }
    return {status: 'ok', detail: `HTTP ${response.status} ${call.read ? call.read(response, text) : text}`};
  } catch (e) {
    return {status: 'failed', detail: e.message};
  }
}

function row(call) {
  const tr = document.createElement('tr');
  tr.dataset.call = call.id;
  tr.dataset.status = 'pending';
  for (const [cls, text] of [['name', call.title], ['why', call.why], ['status', 'pending'], ['detail', '']]) {
    const td = document.createElement('td');
    td.className = cls;
    td.textContent = text;
    tr.appendChild(td);
  }
  return tr;
}

function readHeader(name) {
  return (response) => {
    const value = response.headers.get(name);
    if (value === null) {
      throw new Unreadable(`the response came through, but ${name} is not readable (not exposed)`);
    }
    return `${name}: ${value}`;
  };
}
