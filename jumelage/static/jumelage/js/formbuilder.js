// The form builder: drag questions into order, and show only the settings of the chosen type.
// Without JavaScript the number inputs order the questions and every setting stays visible.
"use strict";

(() => {
  const form = document.getElementById("question-order");
  if (!form) return;
  const body = document.getElementById("question-rows");
  const status = document.getElementById("order-status");
  const token = form.querySelector("[name=csrfmiddlewaretoken]").value;
  const rows = () => Array.from(body.querySelectorAll("tr[data-id]"));
  const orderOf = () => rows().map((row) => Number(row.dataset.id));
  let saved = JSON.stringify(orderOf());
  let dragged = null;

  const say = (text, isError) => {
    status.textContent = text;
    status.classList.toggle("error", Boolean(isError));
  };

  const renumber = () => {
    rows().forEach((row, index) => { row.querySelector("input[type=number]").value = index + 1; });
  };

  const save = async () => {
    const order = orderOf();
    if (JSON.stringify(order) === saved) return;
    say(form.dataset.msgSaving);
    try {
      const response = await fetch(form.action, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": token },
        body: JSON.stringify({ order }),
      });
      if (!response.ok) throw new Error(String(response.status));
      saved = JSON.stringify(order);
      say(form.dataset.msgSaved);
    } catch (e) {
      say(form.dataset.msgFailed, true);
    }
  };

  body.querySelectorAll(".drag-handle").forEach((handle) => { handle.hidden = false; });
  // Only the handle starts a drag, so that the text of a row stays selectable.
  body.addEventListener("mousedown", (event) => {
    const row = event.target.closest("tr[data-id]");
    if (row) row.draggable = Boolean(event.target.closest(".drag-handle"));
  });
  body.addEventListener("dragstart", (event) => {
    dragged = event.target.closest("tr[data-id]");
    if (!dragged) return;
    dragged.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.dataset.id);
  });
  body.addEventListener("dragover", (event) => {
    if (!dragged) return;
    event.preventDefault();
    const row = event.target.closest("tr[data-id]");
    if (!row || row === dragged) return;
    const box = row.getBoundingClientRect();
    const below = event.clientY > box.top + box.height / 2;
    body.insertBefore(dragged, below ? row.nextSibling : row);
  });
  body.addEventListener("drop", (event) => { event.preventDefault(); });
  body.addEventListener("dragend", () => {
    if (!dragged) return;
    dragged.classList.remove("dragging");
    dragged.draggable = false;
    dragged = null;
    renumber();
    save();
  });
})();

(() => {
  const form = document.getElementById("question-form");
  if (!form) return;
  const kind = form.querySelector("[name=kind]");
  const parent = form.querySelector("[name=show_if]");
  const valueField = document.getElementById("field-show_if_value");
  const hints = document.getElementById("condition-hints");

  // A section with an error stays visible, whatever the type, so that the error can be seen.
  const showKindSettings = () => {
    form.querySelectorAll("[data-kinds]").forEach((section) => {
      const applies = section.dataset.kinds.split(" ").includes(kind.value);
      section.hidden = !applies && !section.querySelector(".has-error");
    });
  };

  const showConditionHints = () => {
    const chosen = parent.value;
    if (valueField) valueField.hidden = chosen === "";
    if (!hints) return;
    hints.hidden = chosen === "";
    hints.querySelectorAll("[data-parent]").forEach((item) => { item.hidden = item.dataset.parent !== chosen; });
  };

  kind.addEventListener("change", showKindSettings);
  parent.addEventListener("change", showConditionHints);
  showKindSettings();
  showConditionHints();
  const summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();
