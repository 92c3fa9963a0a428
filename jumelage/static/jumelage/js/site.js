// Progressive enhancement shared by every page; each page works without it.
"use strict";

// A button marked data-once sends its form once: a double click makes one request.
document.addEventListener("submit", (event) => {
  const form = event.target;
  const button = event.submitter;
  if (button && button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
    return;
  }
  if (form.dataset.sent === "1") {
    event.preventDefault();
    return;
  }
  form.dataset.sent = "1";
  if (button && button.name) {
    // A disabled button is not sent: carry its value in a hidden field instead.
    const carried = document.createElement("input");
    carried.type = "hidden";
    carried.name = button.name;
    carried.value = button.value;
    form.appendChild(carried);
  }
  form.querySelectorAll("button[data-once]").forEach((b) => { b.disabled = true; });
  // If the page is still here after a while (network trouble), allow a retry.
  setTimeout(() => {
    form.dataset.sent = "";
    form.querySelectorAll("button[data-once]").forEach((b) => { b.disabled = false; });
  }, 15000);
});

// Tell the server the visitor's timezone, so that the times it writes name the right zone.
(() => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && !document.cookie.split("; ").includes("tz=" + zone)) {
    document.cookie = "tz=" + zone + "; path=/; max-age=31536000; SameSite=Lax";
  }
})();

// The deadline in the visitor's own timezone.
document.querySelectorAll("[data-local-time]").forEach((node) => {
  const moment = new Date(node.dataset.localTime);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const time = node.querySelector("time");
  if (time) {
    time.textContent =
      moment.toLocaleString(document.documentElement.lang, { dateStyle: "long", timeStyle: "short" }) +
      " (" + zone + ")";
  }
  node.hidden = false;
});

// A countdown to the deadline.
document.querySelectorAll("[data-countdown]").forEach((node) => {
  const end = new Date(node.dataset.countdown).getTime();
  const pad = (n) => String(n).padStart(2, "0");
  const tick = () => {
    const left = Math.max(0, Math.floor((end - Date.now()) / 1000));
    if (left === 0) {
      node.textContent = node.dataset.labelClosed;
      return;
    }
    const days = Math.floor(left / 86400);
    const rest = left % 86400;
    const one = new Intl.PluralRules(document.documentElement.lang).select(days) === "one";
    node.textContent = days + " " + (one ? node.dataset.labelDay : node.dataset.labelDays) + " " +
      pad(Math.floor(rest / 3600)) + ":" + pad(Math.floor((rest % 3600) / 60)) + ":" + pad(rest % 60);
    setTimeout(tick, 1000);
  };
  node.hidden = false;
  tick();
});
