// The trip report's prose: a draft is saved a moment after each change.
// Without JavaScript the Save button does the same.
"use strict";

(() => {
  const form = document.getElementById("report-form");
  if (!form) return;
  const status = document.getElementById("autosave-status");
  let timer = null;
  let saving = false;
  let again = false;

  const say = (text, isError) => {
    status.textContent = text;
    status.classList.toggle("error", Boolean(isError));
  };

  const save = async () => {
    if (saving) { again = true; return; }
    saving = true;
    say(form.dataset.msgSaving);
    try {
      const response = await fetch(form.dataset.autosaveUrl, {
        method: "POST",
        body: new FormData(form),
        headers: { "X-Requested-With": "fetch" },
        credentials: "same-origin",
      });
      const data = await response.json();
      say(response.ok ? data.saved : form.dataset.msgFailed, !response.ok);
    } catch (e) {
      say(form.dataset.msgFailed, true);
    } finally {
      saving = false;
      if (again) { again = false; save(); }
    }
  };

  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(save, 1200);
  });
})();
