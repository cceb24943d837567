// Camera QR scanning for the check-in desk (laptop webcam or the phone's back camera). Decoding runs here with jsQR,
// served by the app itself: the hall may have no internet. Each new code goes to .NET once (OnCodeScanned).
const FPS = 8;             // enough for a paper held up to the camera, light on a phone's battery
const MAX_WIDTH = 640;     // jsQR's cost grows with pixels; invitation QRs stay readable at this size
const SAME_CODE_MS = 3000; // the same code is ignored while it keeps being seen: a held paper is one check-in

let session = null;
let jsQrLoading = null;
let audio = null;

class CameraProblem extends Error { }

// Returns at once: a permission prompt may stay open for minutes. Problems come back through OnCameraError.
export function start(video, dotNet) {
  stop();
  const current = { video, dotNet, stream: null, frame: 0, lastTick: 0, lastText: null, lastSeen: 0, reads: 0 };
  session = current;
  open(current).catch(error => {
    if (session !== current) return; // turned off meanwhile: nothing to report
    stop();
    dotNet.invokeMethodAsync("OnCameraError", describe(error)).catch(() => { });
  });
}

export function stop() {
  const current = session;
  session = null;
  if (!current) return;
  cancelAnimationFrame(current.frame);
  current.stream?.getTracks().forEach(t => t.stop());
  if (current.stream && current.video.srcObject === current.stream) current.video.srcObject = null;
}

// A short tone confirms a scan without looking at the screen: high for checked in, low for refused.
export function beep(ok) {
  try {
    audio ??= new AudioContext();
    const osc = audio.createOscillator(), gain = audio.createGain();
    osc.frequency.value = ok ? 1320 : 330;
    gain.gain.value = 0.15;
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + (ok ? 0.12 : 0.35));
  } catch { /* no sound is fine */ }
}

async function open(current) {
  // getUserMedia exists only in a secure context: https, or http on localhost / 127.0.0.1.
  if (!window.isSecureContext)
    throw new CameraProblem("Trình duyệt chỉ cho dùng camera khi trang mở bằng https hoặc localhost. Hãy mở trang bằng địa chỉ https, hoặc dùng máy quét cầm tay / ô mã giấy mời.");
  if (!navigator.mediaDevices?.getUserMedia)
    throw new CameraProblem("Trình duyệt này không hỗ trợ camera. Dùng ô mã giấy mời hoặc tìm theo tên.");
  await loadJsQr();
  // "environment" is a preference, not a requirement: a laptop with only a front camera still works.
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
  if (session !== current) { stream.getTracks().forEach(t => t.stop()); return; } // turned off while asking
  current.stream = stream;
  stream.getVideoTracks()[0]?.addEventListener("ended", () => {
    if (session !== current) return;
    stop();
    current.dotNet.invokeMethodAsync("OnCameraError", "Camera đã ngắt. Kiểm tra camera rồi bật lại.").catch(() => { });
  });
  const video = current.video;
  video.muted = true; // the attribute alone does not mute an element the renderer created
  video.srcObject = stream;
  await video.play();
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  const tick = time => {
    if (session !== current) return;
    current.frame = requestAnimationFrame(tick);
    if (time - current.lastTick < 1000 / FPS || video.readyState < 2 || !video.videoWidth) return;
    current.lastTick = time;
    const scale = Math.min(1, MAX_WIDTH / video.videoWidth);
    const w = canvas.width = Math.round(video.videoWidth * scale);
    const h = canvas.height = Math.round(video.videoHeight * scale);
    context.drawImage(video, 0, 0, w, h);
    const code = window.jsQR(context.getImageData(0, 0, w, h).data, w, h, { inversionAttempts: "dontInvert" });
    if (!code?.data) return;
    video.dataset.reads = String(++current.reads); // lets a test see that the scanner keeps reading
    const now = performance.now();
    const repeat = code.data === current.lastText && now - current.lastSeen < SAME_CODE_MS;
    current.lastText = code.data;
    current.lastSeen = now;
    if (!repeat) current.dotNet.invokeMethodAsync("OnCodeScanned", code.data).catch(() => { });
  };
  current.frame = requestAnimationFrame(tick);
}

function loadJsQr() {
  if (window.jsQR) return Promise.resolve();
  jsQrLoading ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = "/lib/jsQR.js";
    script.onload = () => resolve();
    script.onerror = () => {
      jsQrLoading = null;
      reject(new CameraProblem("Không tải được bộ đọc mã QR (/lib/jsQR.js). Tải lại trang rồi thử lại."));
    };
    document.head.appendChild(script);
  });
  return jsQrLoading;
}

function describe(error) {
  if (error instanceof CameraProblem) return error.message;
  switch (error?.name) {
    case "NotAllowedError":
    case "SecurityError":
      return "Trình duyệt chưa cho phép dùng camera. Bấm biểu tượng camera (hoặc ổ khóa) trên thanh địa chỉ, chọn Cho phép, rồi bật lại.";
    case "NotFoundError":
    case "OverconstrainedError":
      return "Không tìm thấy camera trên máy này. Dùng ô mã giấy mời hoặc tìm theo tên.";
    case "NotReadableError":
    case "AbortError":
      return "Không mở được camera: có thể ứng dụng khác đang dùng. Tắt ứng dụng đó rồi bật lại.";
    default:
      return "Không bật được camera" + (error?.message ? ": " + error.message : ".");
  }
}
