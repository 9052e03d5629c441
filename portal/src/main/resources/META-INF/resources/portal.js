// Live partner dashboard: the portal pushes the balance + earnings fragment (server-sent events) when it changes; swap both in.
(function () {
  var live = document.querySelector('[data-live]');
  if (!live || !window.EventSource) { return; }
  var status = document.getElementById('live-status');
  var source = new EventSource(live.getAttribute('data-live'));
  source.onopen = function () { if (status) { status.textContent = 'Live: updates appear without reloading'; } };
  source.onmessage = function (e) {
    var next = document.createElement('div');
    next.innerHTML = e.data;
    ['balance-section', 'earnings'].forEach(function (id) {
      var fragment = next.querySelector('#' + id);
      var current = document.getElementById(id);
      if (fragment && current) { current.replaceWith(fragment); }
    });
    if (status) { status.textContent = 'Live: updated ' + new Date().toLocaleTimeString(); }
  };
  source.onerror = function () { if (status) { status.textContent = 'Live: reconnecting…'; } };
})();
// Saved KPI dashboard: the portal relays analytics' figure stream (server-sent events) as a re-rendered fragment.
(function () {
  var live = document.querySelector('[data-live-figures]');
  if (!live || !window.EventSource) { return; }
  var status = document.getElementById('live-status');
  var source = new EventSource(live.getAttribute('data-live-figures'));
  source.onopen = function () { if (status) { status.textContent = 'Live: figures update as events arrive'; } };
  source.onmessage = function (e) {
    var next = document.createElement('div');
    next.innerHTML = e.data;
    var fragment = next.querySelector('#figures');
    var current = document.getElementById('figures');
    if (fragment && current) { current.replaceWith(fragment); }
    if (status) { status.textContent = 'Live: updated ' + new Date().toLocaleTimeString(); }
  };
  source.onerror = function () { if (status) { status.textContent = 'Live: reconnecting…'; } };
})();
