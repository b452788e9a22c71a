// The web chat page: sends what the villager types, shows replies and polls for progress notices.
// Who the villager is lives in an HttpOnly cookie the server sets; this script never sees or sends an id.

const log = document.getElementById("log");
const form = document.getElementById("ask");
const input = document.getElementById("text");

function bubble(text, who) {
  const div = document.createElement("div");
  div.className = "msg " + who;
  div.textContent = text;
  log.appendChild(div);
  log.scrollTop = log.scrollHeight;
  return div;
}

function showReply(r) {
  const div = bubble(r.text, "bot");
  if (r.citations && r.citations.length) {
    const src = document.createElement("div");
    src.className = "sources";
    src.textContent = "来源：" + r.citations.map((c) => c.title + "（" + c.source + "）").join("；");
    div.appendChild(src);
  }
  if (r.quickReplies && r.quickReplies.length) {
    const quick = document.createElement("div");
    quick.className = "quick";
    for (const q of r.quickReplies) {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = q.label;
      b.addEventListener("click", () => send(q.label, q.payload));
      quick.appendChild(b);
    }
    div.appendChild(quick);
  }
}

async function send(text, payload) {
  bubble(text, "me");
  try {
    const res = await fetch("/api/messages", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload ? { channel: "web", text, payload } : { channel: "web", text }),
    });
    const body = await res.json();
    if (!res.ok) {
      bubble(body.error ? body.error.message : "出错了", "bot error");
      return;
    }
    for (const r of body.replies) showReply(r);
  } catch (e) {
    bubble("网络不通，请稍后再试。", "bot error");
  }
}

async function poll() {
  try {
    const res = await fetch("/api/notifications");
    if (res.ok) {
      const body = await res.json();
      for (const n of body.notifications || []) showReply({ text: n.text, quickReplies: n.quickReplies });
    }
  } catch (e) {
    /* offline: try again later */
  }
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = "";
  send(text);
});
input.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey) {
    e.preventDefault();
    form.requestSubmit();
  }
});
showReply({ text: "您好！我是乡亲助手。可以问我补助标准、土地流转、秸秆压块、沼气维修这些事，也可以反映问题。" });
setInterval(poll, 15000);
