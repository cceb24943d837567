// Live status for a delegate's phone. Without JavaScript the page still works: a refresh shows the same.
// Follows its own line through the hub. The server sends it at most a few messages a second, and only when its line
// changed (each names the request numbers whose line changed); the page then reads its line again (from memory on
// the server). Reconnects wait a random, capped time so a restart does not bring every phone back in one second.
(function () {
  var root = document.getElementById("status-root");
  if (!root || !window.signalR) return;
  var code = root.getAttribute("data-code");
  var jsonUrl = root.getAttribute("data-json");
  var number = parseInt(root.getAttribute("data-number"), 10);
  var lastSequence = 0;
  var fetching = false, again = false;

  function setText(id, text) {
    var el = document.getElementById(id);
    if (el && text !== undefined && el.textContent !== text) el.textContent = text || "";
  }

  // Full jitter: a random wait up to a capped, growing bound.
  function backoff(attempt, firstMs, capMs) {
    var bound = Math.min(capMs, firstMs * Math.pow(2, attempt));
    return Math.round(bound / 2 + Math.random() * bound / 2);
  }

  function refresh() {
    if (fetching) { again = true; return; }
    fetching = true;
    fetch(jsonUrl, { cache: "no-store" }).then(function (r) { return r.ok ? r.json() : null; }).then(function (s) {
      if (!s) return;
      setText("status-headline", s.headline);
      setText("status-detail", s.detail);
      var headline = document.getElementById("status-headline");
      if (headline) headline.className = s.isOnFloor ? "status now" : "status";
      var withdraw = document.getElementById("withdraw-form");
      if (withdraw && !s.canWithdraw) withdraw.hidden = true;
      var erase = document.getElementById("erase-link");
      if (erase && !s.canErase) erase.hidden = true;
    }).catch(function () { }).then(function () {
      fetching = false;
      if (again) { again = false; refresh(); }
    });
  }

  var connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/meeting")
    .withAutomaticReconnect({
      nextRetryDelayInMilliseconds: function (ctx) { return backoff(ctx.previousRetryCount, 1000, 15000); }
    })
    .build();

  connection.on("MeetingChanged", function (change) {
    if (change.sequence <= lastSequence) return;
    lastSequence = change.sequence;
    root.setAttribute("data-sequence", lastSequence);
    // A message without the list (an older server) means "look again".
    if (!change.changed || isNaN(number) || change.changed.indexOf(number) >= 0) refresh();
  });

  // Following its own line: the server sends this page a message only when that line changed.
  function follow() {
    var call = isNaN(number) ? connection.invoke("Follow", code, lastSequence) : connection.invoke("FollowLine", code, number, lastSequence);
    return call.then(function (result) {
      if (!result || result.notFound) {
        setText("live-indicator", "Không theo dõi trực tiếp được. Tải lại trang để xem trạng thái mới.");
        return;
      }
      lastSequence = Math.max(lastSequence, result.lastSequence);
      root.setAttribute("data-sequence", lastSequence);
      setText("live-indicator", "● Đang cập nhật trực tiếp");
      refresh();
    });
  }

  var attempts = 0;
  connection.onreconnecting(function () { setText("live-indicator", "Mất kết nối, đang thử lại…"); });
  connection.onreconnected(function () { attempts = 0; follow(); });
  connection.onclose(function () {
    setText("live-indicator", "Mất kết nối. Kéo xuống hoặc tải lại trang để xem trạng thái mới.");
    setTimeout(start, backoff(attempts++, 2000, 30000));
  });

  function start() {
    connection.start().then(function () { attempts = 0; return follow(); })
      .catch(function () { setTimeout(start, backoff(attempts++, 2000, 30000)); });
  }
  start();
})();
