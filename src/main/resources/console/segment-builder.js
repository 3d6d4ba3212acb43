// Kairos console: the segment builder's visual rows. Each row is a trait or profile-field comparison
// or "performed an event N times within D days"; "Write the JSON" puts {"and": [rows]} (or the one
// row) into the condition editor, which htmx previews as if typed. The JSON stays the source of truth.
(function () {
  "use strict";

  const OPS = ["eq", "neq", "gt", "gte", "lt", "lte", "contains", "starts_with", "exists"];
  const COUNT_OPS = ["gte", "gt", "eq", "lte", "lt"];

  function select(label, options, value) {
    const s = document.createElement("select");
    s.setAttribute("aria-label", label);
    options.forEach((o) => {
      const opt = document.createElement("option");
      opt.value = o;
      opt.textContent = o;
      if (o === value) opt.selected = true;
      s.appendChild(opt);
    });
    return s;
  }

  function input(label, value, type) {
    const i = document.createElement("input");
    i.setAttribute("aria-label", label);
    i.type = type || "text";
    i.value = value || "";
    return i;
  }

  function row(list) {
    const li = document.createElement("li");
    li.className = "rule";
    const kind = select("Kind", ["trait", "field", "performed"], "trait");
    const name = input("Name", "");
    const op = select("Operator", OPS, "eq");
    const value = input("Value", "");
    const countOp = select("Count operator", COUNT_OPS, "gte");
    const count = input("Times", "1", "number");
    const days = input("Within days", "30", "number");
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "secondary";
    remove.textContent = "Remove";
    remove.addEventListener("click", () => li.remove());
    function shown() {
      const performed = kind.value === "performed";
      [op, value].forEach((e) => (e.hidden = performed));
      [countOp, count, days].forEach((e) => (e.hidden = !performed));
      name.setAttribute("aria-label", performed ? "Event" : "Name");
    }
    kind.addEventListener("change", shown);
    [kind, name, op, value, countOp, count, days, remove].forEach((e) => li.appendChild(e));
    li.condition = function () {
      if (kind.value === "performed") {
        return {
          performed: name.value,
          count: { op: countOp.value, value: Number(count.value) },
          within_days: Number(days.value),
        };
      }
      const c = {};
      c[kind.value] = name.value;
      c.op = op.value;
      if (op.value !== "exists") {
        const v = value.value.trim();
        c.value = v !== "" && !isNaN(Number(v)) ? Number(v) : v === "true" ? true : v === "false" ? false : v;
      }
      return c;
    };
    shown();
    list.appendChild(li);
  }

  function setUp() {
    const rows = document.getElementById("rules");
    if (!rows) return;
    document.getElementById("add-rule").addEventListener("click", () => row(rows));
    document.getElementById("write-json").addEventListener("click", () => {
      const all = Array.from(rows.children).map((li) => li.condition());
      if (all.length === 0) return;
      const condition = all.length === 1 ? all[0] : { and: all };
      const editor = document.getElementById("condition");
      editor.value = JSON.stringify(condition, null, 2);
      editor.dispatchEvent(new Event("input", { bubbles: true }));
    });
    row(rows);
  }

  document.addEventListener("DOMContentLoaded", setUp);
})();
