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
