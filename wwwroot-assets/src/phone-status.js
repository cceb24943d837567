// Live status for a delegate's phone. Without JavaScript the page still works: a refresh shows the same.
// Follows the meeting through the hub; on every change (or after reconnecting) it re-reads its own status.
(function () {
  var root = document.getElementById("status-root");
  if (!root || !window.signalR) return;
  var code = root.getAttribute("data-code");
  var jsonUrl = root.getAttribute("data-json");
  var lastSequence = 0;
  var fetching = false, again = false;

  function setText(id, text) {
    var el = document.getElementById(id);
    if (el && text !== undefined && el.textContent !== text) el.textContent = text || "";
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
    }).catch(function () { }).then(function () {
      fetching = false;
      if (again) { again = false; refresh(); }
    });
  }

  var connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/meeting")
    .withAutomaticReconnect([0, 2000, 5000, 10000, 20000, 30000])
    .build();

  connection.on("MeetingChanged", function (change) {
    if (change.sequence <= lastSequence) return;
    lastSequence = change.sequence;
    refresh();
  });

  function follow() {
    return connection.invoke("Follow", code, lastSequence).then(function (result) {
      lastSequence = Math.max(lastSequence, result.lastSequence);
      setText("live-indicator", "● Đang cập nhật trực tiếp");
      refresh();
    });
  }

  connection.onreconnecting(function () { setText("live-indicator", "Mất kết nối, đang thử lại…"); });
  connection.onreconnected(function () { follow(); });
  connection.onclose(function () {
    setText("live-indicator", "Mất kết nối. Kéo xuống hoặc tải lại trang để xem trạng thái mới.");
    setTimeout(start, 15000);
  });

  function start() {
    connection.start().then(follow).catch(function () { setTimeout(start, 10000); });
  }
  start();
})();
