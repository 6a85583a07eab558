// Qaqpa officer console: a small NCALayer client, the login, the worklist's refresh and
// actions, and the decision form. Plain browser JavaScript, no dependencies.
"use strict";

const body = document.body;
const CSRF = body.dataset.csrf || "";
const LANG = body.dataset.lang || "kk";
const TEXTS = JSON.parse(body.dataset.texts || "{}");

// --- NCALayer ------------------------------------------------------------------------------
// The protocol of the NCA's desktop signing app (module kz.gov.pki.knca.basics), as the
// ncalayer-js-client package documents it: a greeting, then one JSON request and one answer.

// One request per connection, as the client library does; each sign asks the user for a key.
function ncalayerRequest(url, args) {
  return new Promise((resolve, reject) => {
    let socket;
    try {
      socket = new WebSocket(url);
    } catch (error) {
      reject(new Error(TEXTS.ncalayer_unreachable));
      return;
    }
    let greeted = false;
    let done = false;
    const finish = (fn, value) => { if (!done) { done = true; socket.close(); fn(value); } };
    socket.onerror = () => finish(reject, new Error(TEXTS.ncalayer_unreachable));
    socket.onclose = () => finish(reject, new Error(TEXTS.ncalayer_unreachable));
    socket.onmessage = (message) => {
      const answer = JSON.parse(message.data);
      if (!greeted) {
        greeted = true;
        const locale = LANG === "kk" ? "kk" : (LANG === "ru" ? "ru" : "en");
        socket.send(JSON.stringify({
          module: "kz.gov.pki.knca.basics",
          method: "sign",
          args: { allowedStorages: null, locale, ...args },
        }));
        return;
      }
      if (!answer.status) {
        finish(reject, new Error(`${answer.code}: ${answer.message || ""}`));
      } else if (!answer.body || !("result" in answer.body)) {
        finish(reject, new Error(TEXTS.cancelled));
      } else {
        const result = Array.isArray(answer.body.result) ? answer.body.result[0] : answer.body.result;
        finish(resolve, result);
      }
    };
  });
}

// An attached CMS over data (base64): the login's signed nonce.
function ncalayerSign(url, dataBase64, signerParams) {
  return ncalayerRequest(url, {
    format: "cms",
    data: dataBase64,
    signingParams: { decode: true, encapsulate: true, digested: false },
    signerParams,
  });
}

// A detached CMS over the PDF's byte ranges (base64), hashed by NCALayer itself: with the
// digest of whichever key the officer picks (SHA-256 for RSA, Streebog-512 for NCA's GOST keys),
// which a precomputed digest could not follow.
function ncalayerSignDetached(url, contentBase64) {
  return ncalayerRequest(url, {
    format: "cms",
    data: contentBase64,
    signingParams: { decode: true, encapsulate: false, digested: false },
    signerParams: { extKeyUsageOids: [], chain: [] },
  });
}

// An enveloped XMLDSig (the basics module's signXml: format "xml"): the signed XML string.
function ncalayerSignXml(url, xml) {
  return ncalayerRequest(url, {
    format: "xml",
    data: xml,
    signingParams: {},
    signerParams: { extKeyUsageOids: [], chain: [] },
  });
}

// --- the JSON API ----------------------------------------------------------------------------
async function api(method, path, payload) {
  const headers = { "Accept-Language": LANG, "X-CSRF-Token": CSRF };
  const init = { method, headers, credentials: "same-origin" };
  if (payload !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(payload);
  }
  const response = await fetch(path, init);
  if (!response.ok) {
    let problem = { title: response.statusText, code: String(response.status) };
    try { problem = await response.json(); } catch (error) { /* not JSON */ }
    const failure = new Error(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    failure.problem = problem;
    throw failure;
  }
  return response;
}

function toast(text) {
  const box = document.getElementById("toast");
  if (!box) return;
  box.textContent = text;
  box.classList.add("shown");
  setTimeout(() => box.classList.remove("shown"), 2500);
}

function showError(id, error) {
  const box = document.getElementById(id);
  if (!box) { toast(error.message); return; }
  box.textContent = error.message;
  box.hidden = false;
}

// --- login -----------------------------------------------------------------------------------
async function login(role) {
  const button = document.getElementById("eds-login");
  const errorBox = document.getElementById("login-error");
  errorBox.hidden = true;
  button.disabled = true;
  try {
    const challenge = await (await api("GET", "/v1/officer/auth/challenge")).json();
    const nonce = btoa(challenge.nonce);
    // No extended-key-usage filter: NCA's GOST 2015 single keys carry no clientAuth usage and
    // NCALayer would hide them; the gateway decides whether the key may log in (signing/identity.py).
    const cms = await ncalayerSign(body.dataset.ncalayer, nonce, { extKeyUsageOids: [], chain: [] });
    const payload = role ? { cms, role } : { cms };
    await api("POST", "/v1/officer/auth/eds", payload);
    window.location.assign("/officer/worklist");
  } catch (error) {
    if (error.problem && error.problem.code === "officer_role_required") {
      const box = document.getElementById("roles");
      const list = box.querySelector(".roles");
      list.textContent = "";
      for (const choice of error.problem.roles) {
        const option = document.createElement("button");
        option.type = "button";
        option.textContent = choice;
        option.dataset.role = choice;
        option.addEventListener("click", () => login(choice));
        list.appendChild(option);
      }
      box.hidden = false;
    }
    errorBox.dataset.code = error.problem ? error.problem.code : "ncalayer";
    showError("login-error", error);
  } finally {
    button.disabled = false;
  }
}

// --- worklist ----------------------------------------------------------------------------------
async function refreshRows() {
  await refreshFragment("worklist", "worklist-rows");
  await refreshFragment("to-sign-holder", "to-sign-holder");
  const stamp = document.getElementById("refreshed-at");
  if (stamp) stamp.textContent = `${TEXTS.refreshed} ${new Date().toLocaleTimeString()}`;
}

// A server-rendered fragment polled into the page: the worklist's rows, the file's results.
async function refreshFragment(holderId, targetId) {
  const holder = document.getElementById(holderId);
  if (!holder) return;
  // Marked as the page's own request: it does not keep an idle session alive.
  const headers = { "Accept-Language": LANG, "X-Qaqpa-Background": "1" };
  const response = await fetch(holder.dataset.rows, { credentials: "same-origin", headers });
  if (response.redirected) { window.location.assign(response.url); return; }
  if (!response.ok) return;
  document.getElementById(targetId).innerHTML = await response.text();
}

function refreshResults() {
  return refreshFragment("results", "results-list").catch(() => {});
}

function wireResults() {
  const section = document.getElementById("results");
  if (!section) return;
  const seconds = Number(section.dataset.poll || "15");
  setInterval(() => { if (!live.open) refreshResults(); }, seconds * 1000);
}

// --- live updates ------------------------------------------------------------------------------
// The server's event stream says when the officer's worklist or a file's results changed; the
// page then fetches its fragment. Polling stays as the fallback while the stream is not open
// (EventSource reconnects by itself after the server ends a stream).
const live = { open: false };

function wireLive() {
  const worklist = document.getElementById("worklist");
  const results = document.getElementById("results");
  if (!(worklist || results) || !window.EventSource) return;
  const source = new EventSource("/officer/stream");
  source.addEventListener("ready", () => { live.open = true; body.dataset.live = "1"; });
  source.addEventListener("changed", (message) => {
    const changed = JSON.parse(message.data).applications;
    if (worklist) refreshRows().catch(() => {});
    if (results && (changed === null || changed.includes(results.dataset.application))) refreshResults();
  });
  source.onerror = () => { live.open = false; body.dataset.live = "0"; };
}

function wireWorklist() {
  const table = document.getElementById("worklist");
  if (!table) return;
  table.addEventListener("click", async (event) => {
    const target = event.target;
    if (!(target instanceof HTMLButtonElement)) return;
    const task = target.dataset.task;
    try {
      if (target.classList.contains("claim")) {
        await api("POST", `/v1/officer/tasks/${task}/claim`);
      } else if (target.classList.contains("assign")) {
        const executor = target.parentElement.querySelector("select.executor").value;
        if (target.dataset.mode === "task") {
          await api("POST", `/v1/officer/tasks/${task}/assign`, { executor_id: executor });
        } else {
          await api("POST", `/v1/officer/tasks/${task}/decisions`, { action: "assign", data: { executor_id: executor } });
        }
      } else {
        return;
      }
      await refreshRows();
    } catch (error) {
      toast(error.message);
    }
  });
  const seconds = Number(table.dataset.poll || "15");
  setInterval(() => { if (!live.open) refreshRows().catch(() => {}); }, seconds * 1000);
}

// --- decisions ---------------------------------------------------------------------------------
function decisionOf(form) {
  const data = new FormData(form);
  const action = data.get("action");
  const chosen = form.querySelector(`input[name=action][value="${action}"]`);
  const refusal = chosen && chosen.dataset.refusal === "1";
  const decision = { action, grounds: refusal ? data.getAll("grounds") : [] };
  const text = String(data.get("text") || "").trim();
  const instructions = String(data.get("instructions") || "").trim();
  if (text) decision.text = text;
  if (instructions) decision.instructions = instructions;
  return decision;
}

function wireDecision() {
  const form = document.getElementById("decision-form");
  if (!form) return;
  const grounds = document.getElementById("grounds");
  const sync = () => {
    const chosen = form.querySelector("input[name=action]:checked");
    grounds.hidden = !(chosen && chosen.dataset.refusal === "1");
  };
  form.addEventListener("change", sync);
  sync();
  const task = form.dataset.task;
  document.getElementById("preview").addEventListener("click", async () => {
    document.getElementById("decision-error").hidden = true;
    try {
      const response = await api("POST", `/v1/officer/tasks/${task}/draft`, decisionOf(form));
      const blob = await response.blob();
      const frame = document.getElementById("draft-frame");
      if (frame.src) URL.revokeObjectURL(frame.src);
      frame.src = URL.createObjectURL(blob);
      frame.dataset.bytes = String(blob.size);
      frame.dataset.type = blob.type;
      frame.hidden = false;
    } catch (error) {
      showError("decision-error", error);
    }
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await api("POST", `/v1/officer/tasks/${task}/decisions`, decisionOf(form));
      toast(TEXTS.decided);
      window.location.reload();
    } catch (error) {
      showError("decision-error", error);
    }
  });
}

// --- the signer: sign with their own key, or return for rework ----------------------------------
function outcome(area, text, state) {
  const box = area.querySelector(".signing-outcome");
  box.textContent = text;
  box.dataset.state = state;
  box.hidden = false;
}

async function signResult(area, button) {
  button.disabled = true;
  outcome(area, TEXTS.signing_progress, "busy");
  try {
    const opened = await (await api("POST", `/v1/officer/results/${area.dataset.result}/signing-sessions`)).json();
    const pdfCms = await ncalayerSignDetached(body.dataset.ncalayer, opened.pdf.content);
    const xml = await ncalayerSignXml(body.dataset.ncalayer, opened.xml.document);
    await api("POST", `/v1/officer/signing-sessions/${opened.id}`, { pdf_cms: pdfCms, xml });
    outcome(area, TEXTS.issued, "issued");
    await refreshResults();
    area.querySelectorAll("button, textarea").forEach((element) => { element.disabled = true; });
  } catch (error) {
    // The problem's title (and detail); the session stays open server-side until it expires.
    outcome(area, error.message, error.problem ? error.problem.code : "ncalayer");
    button.disabled = false;
  }
}

function wireSigning() {
  for (const area of document.querySelectorAll(".signing-area")) {
    const button = area.querySelector("button.sign-eds");
    if (button) button.addEventListener("click", () => signResult(area, button));
    const form = area.querySelector("form.return-form");
    if (!form) continue;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const reason = String(new FormData(form).get("reason") || "").trim();
      if (!reason) { form.reportValidity(); return; }
      try {
        if (form.dataset.result) {
          // Whoever may sign the result may return it (a flow's result, a complaint decision).
          await api("POST", `/v1/officer/results/${form.dataset.result}/return`, { reason });
        } else {
          await api("POST", `/v1/officer/tasks/${form.dataset.task}/decisions`, { action: "return", text: reason });
        }
        outcome(area, TEXTS.returned, "returned");
        await refreshResults();
        area.querySelectorAll("button, textarea").forEach((element) => { element.disabled = true; });
      } catch (error) {
        outcome(area, error.message, error.problem ? error.problem.code : "error");
      }
    });
  }
}

// --- administration -----------------------------------------------------------------------------
function wireAdmin() {
  const form = document.getElementById("officer-form");
  if (form) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const response = await fetch("/officer/admin/officers", {
        method: "POST", body: new FormData(form), credentials: "same-origin",
        headers: { "X-CSRF-Token": CSRF, "Accept-Language": LANG },
      });
      if (response.ok) { window.location.reload(); return; }
      const problem = await response.json().catch(() => ({ title: response.statusText }));
      const box = document.getElementById("officer-error");
      box.dataset.code = problem.code || "";
      showError("officer-error", new Error(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title));
    });
  }
  const table = document.getElementById("officers");
  if (table) {
    table.addEventListener("click", async (event) => {
      const target = event.target;
      if (!(target instanceof HTMLButtonElement) || !target.classList.contains("deactivate")) return;
      try {
        await api("POST", `/officer/admin/officers/${target.dataset.officer}/deactivate`);
        window.location.reload();
      } catch (error) {
        toast(error.message);
      }
    });
  }
}

// --- session -------------------------------------------------------------------------------------
function wireLogout() {
  const button = document.getElementById("logout");
  if (!button) return;
  button.addEventListener("click", async () => {
    try { await api("POST", "/v1/officer/auth/logout"); } finally { window.location.assign("/officer/login"); }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const loginButton = document.getElementById("eds-login");
  if (loginButton) loginButton.addEventListener("click", () => login(null));
  wireWorklist();
  wireResults();
  wireLive();
  wireDecision();
  wireSigning();
  wireAdmin();
  wireLogout();
  body.dataset.ready = "1";
});
