// The application form: autosave, a copy in this browser, conditional questions, counters.
// Without JavaScript the form still saves and submits through its buttons.
"use strict";

(() => {
  const form = document.getElementById("application-form");
  if (!form) return;
  const status = document.getElementById("autosave-status");
  const storageKey = form.dataset.storageKey;
  const dirty = new Set();
  let timer = null;
  let saving = false;
  const edits = new Map(); // field name → how many times it changed
  let retryDelay = 2000;

  const say = (text, isError) => {
    status.textContent = text;
    status.classList.toggle("error", Boolean(isError));
  };

  const valuesOf = (name) => {
    const fields = form.querySelectorAll(`[name="${CSS.escape(name)}"]`);
    const values = [];
    fields.forEach((f) => {
      if ((f.type === "checkbox" || f.type === "radio") && !f.checked) return;
      if (f.type === "file") return;
      values.push(f.value);
    });
    return values;
  };

  // Unsaved text survives a closed tab, a lost connection or an expired session.
  const remember = () => {
    const copy = {};
    dirty.forEach((name) => {
      const field = form.querySelector(`[name="${CSS.escape(name)}"]`);
      if (field && field.type !== "file") copy[name] = valuesOf(name);
    });
    try {
      if (Object.keys(copy).length) localStorage.setItem(storageKey, JSON.stringify(copy));
      else localStorage.removeItem(storageKey);
    } catch (e) { /* private mode: the server copy is all we have */ }
  };

  const restore = () => {
    let copy = null;
    try { copy = JSON.parse(localStorage.getItem(storageKey) || "null"); } catch (e) { copy = null; }
    if (!copy) return;
    Object.entries(copy).forEach(([name, values]) => {
      // What the server already holds needs no restoring (e.g. after a full-page save).
      if (JSON.stringify(valuesOf(name)) === JSON.stringify(values)) return;
      form.querySelectorAll(`[name="${CSS.escape(name)}"]`).forEach((f) => {
        if (f.type === "checkbox" || f.type === "radio") f.checked = values.includes(f.value);
        else f.value = values[0] || "";
      });
      dirty.add(name);
    });
    remember();
    if (dirty.size === 0) return;
    say(form.dataset.msgRestored);
    schedule(500);
  };

  const showErrors = (errors) => {
    form.querySelectorAll("[data-errors-for]").forEach((list) => {
      const name = list.dataset.errorsFor;
      if (!(name in errors) && !dirty.has(name)) return;
      list.innerHTML = "";
      (errors[name] || []).forEach((message) => {
        const item = document.createElement("li");
        item.textContent = message;
        list.appendChild(item);
      });
      list.closest(".field").classList.toggle("has-error", Boolean(errors[name]));
    });
  };

  const save = async () => {
    if (dirty.size === 0) return;
    if (saving) { schedule(500); return; } // after the save under way
    saving = true;
    const sending = new Set(dirty);
    const sent = new Map([...sending].map((name) => [name, edits.get(name)]));
    const body = new FormData();
    body.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    sending.forEach((name) => {
      body.append("_fields", name);
      const field = form.querySelector(`[name="${CSS.escape(name)}"]`);
      if (field && field.type === "file") {
        if (field.files[0]) body.append(name, field.files[0]);
      } else {
        valuesOf(name).forEach((v) => body.append(name, v));
      }
    });
    say(form.dataset.msgSaving);
    try {
      const response = await fetch(form.dataset.autosaveUrl, {
        method: "POST", body, credentials: "same-origin",
        headers: { "X-Requested-With": "fetch", Accept: "application/json" },
      });
      const answer = await response.json().catch(() => ({}));
      if (response.status === 200 || response.status === 422) {
        sending.forEach((name) => {
          if (!(answer.errors || {})[name] && edits.get(name) === sent.get(name)) dirty.delete(name);
        });
        form.querySelectorAll("input[type=file]").forEach((f) => {
          if (sending.has(f.name) && !dirty.has(f.name)) f.value = "";
        });
        showErrors(answer.errors || {});
        remember();
        retryDelay = 2000;
        const savedAt = new Date(answer.saved_at).toLocaleTimeString(document.documentElement.lang);
        say(response.status === 200 ? `${form.dataset.msgSaved} ${savedAt}` : form.dataset.msgProblems,
          response.status !== 200);
        // What was typed while this save was under way goes in the next one.
        if ([...dirty].some((name) => !(answer.errors || {})[name])) schedule(1200);
      } else {
        say(answer.error || form.dataset.msgOffline, true);
        if (response.status >= 500 || response.status === 401 || response.status === 403) retryLater();
      }
    } catch (e) {
      say(form.dataset.msgOffline, true);
      retryLater();
    } finally {
      saving = false;
    }
  };

  const retryLater = () => {
    schedule(retryDelay);
    retryDelay = Math.min(retryDelay * 2, 60000);
  };

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(save, delay);
  }

  const changed = (event) => {
    const name = event.target.name;
    if (!name || name === "csrfmiddlewaretoken" || name === "action") return;
    dirty.add(name);
    edits.set(name, (edits.get(name) || 0) + 1);
    remember();
    updateConditions();
    updateCounter(event.target);
    schedule(event.target.type === "file" ? 100 : 1200);
  };

  // Conditional questions: shown when the answer they depend on matches.
  const updateConditions = () => {
    for (let pass = 0; pass < 3; pass += 1) {
      form.querySelectorAll("[data-show-if]").forEach((block) => {
        const parent = form.querySelector(`#field-${CSS.escape(block.dataset.showIf)}`);
        const parentShown = !parent || !parent.hidden;
        block.hidden = !(parentShown && valuesOf(block.dataset.showIf).includes(block.dataset.showValue));
      });
    }
  };

  const updateCounter = (field) => {
    const counter = form.querySelector(`[data-counter-for="${CSS.escape(field.id)}"]`);
    if (!counter) return;
    const max = Number(counter.dataset.max);
    counter.textContent = `${field.value.length} / ${max} ${counter.dataset.label}`;
    counter.classList.toggle("over", field.value.length > max);
  };

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  // The copy in this browser is kept through a full-page save: if that request is lost (an
  // expired session, a timeout), the next visit restores it; otherwise it matches and goes.
  form.addEventListener("submit", () => { clearTimeout(timer); remember(); });
  window.addEventListener("online", () => schedule(100));
  window.addEventListener("pagehide", () => { if (dirty.size) remember(); });
  form.querySelectorAll("[maxlength], [data-maxlength]").forEach(updateCounter);
  updateConditions();
  restore();
  const summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();
