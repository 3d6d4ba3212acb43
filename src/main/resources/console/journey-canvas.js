// Kairos console: the journey canvas. The journey document (data-document) is drawn with Drawflow:
// a trigger node, a node per step and an Exit node per "next": "exit"; each output of a node is one
// of the step's links (next, yes/no, on_event/on_timeout, one per branch). The canvas is turned back
// into the same document to save it; the server's problems are shown on the nodes they name. All
// text goes into the page with textContent, never as markup.
(function () {
  "use strict";

  const TITLES = {
    trigger: "Trigger", delay: "Delay", wait_until: "Wait until", wait_for_event: "Wait for event",
    condition: "Condition", split: "Split", random_split: "Random split", send: "Send",
    update_trait: "Update trait", coupon: "Coupon", webhook: "Webhook", exit: "Exit step", end: "Exit",
  };
  const DEFAULTS = {
    delay: { duration: "P1D" },
    wait_until: { time: "10:00" },
    wait_for_event: { event: "Order Completed", timeout: "P1D" },
    condition: { condition: { trait: "email", op: "exists" } },
    split: { branches: [{ condition: { field: "orders_count", op: "gt", value: 0 } }] },
    random_split: { branches: [{ percent: 50 }, { percent: 50 }] },
    send: { channel: "email", template: "", topic: "promotions" },
    update_trait: { trait: "", value: "" },
    coupon: { pattern: "WELCOME-{code}" },
    webhook: { url: "https://" },
    exit: {},
  };
  const HELP = {
    trigger: "trigger (event, segment_entered, segment_exited, date_trait, broadcast), entry, goal, exit_on, priority",
    delay: "duration: ISO 8601 (PT30M, P1D)",
    wait_until: "time (HH:mm) and weekdays, or date_trait, days_offset and time",
    wait_for_event: "event, where, match, timeout; outputs: on_event, on_timeout",
    condition: "condition (segment language); outputs: yes, no",
    split: "branches: [{condition}]; an output per branch, then otherwise",
    random_split: "branches: [{percent}] adding up to 100; an output per branch",
    send: "channel, template, topic, fallbacks",
    update_trait: "trait, value (any JSON)",
    coupon: "pool or pattern (\"WELCOME-{code}\")",
    webhook: "url",
    exit: "ends the run",
    end: "ends the run (\"next\": \"exit\")",
  };
  const LINKS = ["next", "on_event", "on_timeout", "yes", "no", "otherwise"];

  function outputs(type, fields) {
    const branches = Array.isArray(fields.branches) ? fields.branches : [];
    switch (type) {
      case "trigger": return ["start"];
      case "wait_for_event": return ["on_event", "on_timeout"];
      case "condition": return ["yes", "no"];
      case "split": return branches.map((b, i) => "branch " + (i + 1)).concat(["otherwise"]);
      case "random_split": return branches.map((b) => (b.percent === undefined ? "?" : b.percent) + "%");
      case "exit": case "end": return [];
      default: return ["next"];
    }
  }

  function linksOf(step) {
    const branches = Array.isArray(step.branches) ? step.branches : [];
    switch (step.type) {
      case "wait_for_event": return [step.on_event, step.on_timeout];
      case "condition": return [step.yes, step.no];
      case "split": return branches.map((b) => b && b.next).concat([step.otherwise]);
      case "random_split": return branches.map((b) => b && b.next);
      case "exit": return [];
      default: return [step.next];
    }
  }

  function fieldsOf(step) {
    const fields = {};
    Object.keys(step).forEach((k) => {
      if (k !== "type" && !LINKS.includes(k)) fields[k] = step[k];
    });
    if (Array.isArray(fields.branches)) {
      fields.branches = fields.branches.map((b) => {
        const copy = Object.assign({}, b);
        delete copy.next;
        return copy;
      });
    }
    return fields;
  }

  function withLinks(type, fields, links) {
    const step = Object.assign({ type: type }, JSON.parse(JSON.stringify(fields)));
    const set = (name, value) => { if (value !== undefined) step[name] = value; };
    switch (type) {
      case "wait_for_event": set("on_event", links[0]); set("on_timeout", links[1]); break;
      case "condition": set("yes", links[0]); set("no", links[1]); break;
      case "split":
      case "random_split": {
        const branches = Array.isArray(step.branches) ? step.branches : [];
        branches.forEach((b, i) => { if (links[i] !== undefined) b.next = links[i]; });
        if (type === "split") set("otherwise", links[branches.length]);
        break;
      }
      case "exit": break;
      default: set("next", links[0]);
    }
    return step;
  }

  function summary(node) {
    const f = node.fields;
    const short = (v) => { const s = JSON.stringify(v); return s && s.length > 48 ? s.slice(0, 47) + "…" : s || ""; };
    switch (node.type) {
      case "trigger": {
        const t = f.trigger || {};
        if (t.event) return "event " + t.event;
        if (t.segment_entered) return "enters " + t.segment_entered;
        if (t.segment_exited) return "leaves " + t.segment_exited;
        if (t.date_trait) return "date trait " + t.date_trait;
        if (t.broadcast) return "broadcast to " + (t.broadcast.segment || "?");
        return "no trigger yet";
      }
      case "delay": return f.duration || "";
      case "wait_until": return f.date_trait ? f.date_trait + " " + (f.time || "") : (f.time || "") + (f.weekdays ? " " + f.weekdays : "");
      case "wait_for_event": return (f.event || "") + " within " + (f.timeout || "?");
      case "condition": return short(f.condition);
      case "split": return (Array.isArray(f.branches) ? f.branches.length : 0) + " branches + otherwise";
      case "random_split": return outputs("random_split", f).join(" / ");
      case "send": return (f.channel || "") + " · " + (f.template || "no template");
      case "update_trait": return (f.trait || "") + " = " + short(f.value);
      case "coupon": return f.pool ? "pool " + f.pool : f.pattern || "";
      case "webhook": return f.url || "";
      default: return "";
    }
  }

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function start(root) {
    const editable = root.getAttribute("data-editable") === "true";
    const editing = root.getAttribute("data-editing") || "";
    const doc = JSON.parse(root.getAttribute("data-document"));
    const counts = JSON.parse(root.getAttribute("data-counts"));
    const csrf = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRF-Token"];
    const container = document.getElementById("canvas");
    const editor = new window.Drawflow(container);
    editor.reroute = false;
    editor.start();
    if (!editable) editor.editor_mode = "fixed";
    const nodes = new Map(); // Drawflow id -> {kind, key, type, fields}
    let triggerId = null;
    let selectedId = null;
    let added = 0;

    const keyInput = document.getElementById("journey-key");
    const nameInput = document.getElementById("journey-name");
    nameInput.value = doc.name || "";
    if (keyInput) keyInput.value = doc.key || "";

    function draw(id) {
      const node = nodes.get(id);
      const element = document.getElementById("node-" + id);
      if (!element) return;
      element.setAttribute("data-key", node.kind === "step" ? node.key : node.kind);
      element.setAttribute("tabindex", "0");
      element.setAttribute("aria-label", TITLES[node.type] + (node.kind === "step" ? " " + node.key : ""));
      const content = element.querySelector(".drawflow_content_node");
      content.replaceChildren();
      content.appendChild(el("div", "node-type", TITLES[node.type] || node.type));
      if (node.kind === "step") content.appendChild(el("div", "node-key", node.key));
      content.appendChild(el("div", "node-summary", summary(node)));
      const figures = node.kind === "trigger"
        ? { text: (counts.entered || 0) + " entered · " + (counts.conversions || 0) + " converted" }
        : node.kind === "step" && counts.steps && counts.steps[node.key]
          ? { text: counts.steps[node.key].now + " now · " + counts.steps[node.key].passed + " through" }
          : null;
      if (figures && editing) content.appendChild(el("div", "node-counts", figures.text));
      content.appendChild(el("ul", "node-problems"));
      const labels = outputs(node.type, node.fields);
      element.querySelectorAll(".outputs .output").forEach((o, i) => {
        o.setAttribute("data-label", labels[i] || "");
        o.setAttribute("title", labels[i] || "");
      });
    }

    function add(kind, type, key, fields, x, y) {
      const outs = outputs(type, fields).length;
      const id = editor.addNode(type, kind === "trigger" ? 0 : 1, outs, x, y, "kind-" + kind + " type-" + type, {}, "");
      nodes.set(id, { kind: kind, key: key, type: type, fields: fields });
      draw(id);
      return id;
    }

    function stepIdByKey(key) {
      for (const [id, n] of nodes) if (n.kind === "step" && n.key === key) return id;
      return null;
    }

    // Lay the document out: a column per step of distance from the trigger.
    function load() {
      const steps = doc.steps || {};
      const settings = {};
      Object.keys(doc).forEach((k) => { if (!["key", "name", "start", "steps"].includes(k)) settings[k] = doc[k]; });
      triggerId = add("trigger", "trigger", "", settings, 40, 40);
      const column = {};
      const queue = doc.start ? [[doc.start, 1]] : [];
      let deepest = 0;
      while (queue.length) {
        const [key, depth] = queue.shift();
        if (column[key] !== undefined || !steps[key]) continue;
        column[key] = depth;
        deepest = Math.max(deepest, depth);
        linksOf(steps[key]).forEach((l) => { if (l && l !== "exit") queue.push([l, depth + 1]); });
      }
      Object.keys(steps).forEach((k) => { if (column[k] === undefined) column[k] = ++deepest; });
      const rows = {};
      const place = (col) => { rows[col] = (rows[col] || 0) + 1; return [30 + col * 230, 30 + (rows[col] - 1) * 160]; };
      Object.keys(steps).sort((a, b) => column[a] - column[b]).forEach((k) => {
        const [x, y] = place(column[k]);
        add("step", steps[k].type || "delay", k, fieldsOf(steps[k]), x, y);
      });
      if (doc.start && stepIdByKey(doc.start) !== null) editor.addConnection(triggerId, stepIdByKey(doc.start), "output_1", "input_1");
      Object.keys(steps).forEach((k) => {
        const from = stepIdByKey(k);
        linksOf(steps[k]).forEach((l, i) => {
          if (l === "exit") {
            const [x, y] = place(column[k] + 1);
            const end = add("end", "end", "", {}, x, y);
            editor.addConnection(from, end, "output_" + (i + 1), "input_1");
          } else if (l && stepIdByKey(l) !== null) {
            editor.addConnection(from, stepIdByKey(l), "output_" + (i + 1), "input_1");
          }
        });
      });
    }

    function target(id, output) {
      const data = editor.getNodeFromId(id);
      const o = data.outputs[output];
      if (!o || o.connections.length === 0) return undefined;
      const to = nodes.get(Number(o.connections[0].node));
      if (!to) return undefined;
      return to.kind === "end" ? "exit" : to.key;
    }

    function serialize() {
      const out = {};
      if (keyInput) out.key = keyInput.value.trim();
      else out.key = editing;
      if (nameInput.value.trim()) out.name = nameInput.value.trim();
      const trigger = nodes.get(triggerId);
      Object.assign(out, JSON.parse(JSON.stringify(trigger.fields)));
      const first = target(triggerId, "output_1");
      out.start = first === "exit" ? "" : first || "";
      out.steps = {};
      for (const [id, n] of nodes) {
        if (n.kind !== "step") continue;
        const links = outputs(n.type, n.fields).map((_, i) => target(id, "output_" + (i + 1)));
        out.steps[n.key] = withLinks(n.type, n.fields, links);
      }
      return out;
    }

    function changed() {
      document.getElementById("journey-json").textContent = JSON.stringify(serialize(), null, 2);
    }

    function select(id) {
      selectedId = id;
      const node = nodes.get(id);
      const form = document.getElementById("step-form");
      document.getElementById("h-step").textContent = node ? TITLES[node.type] + (node.kind === "step" ? " · " + node.key : "") : "Select a node";
      form.hidden = !node;
      if (!node) return;
      const keyField = document.getElementById("step-key");
      keyField.value = node.key;
      keyField.parentElement.querySelector("label[for=step-key]").hidden = node.kind !== "step";
      keyField.hidden = node.kind !== "step";
      document.getElementById("step-settings").value = JSON.stringify(node.fields, null, 2);
      document.getElementById("step-settings").readOnly = !editable || node.kind === "end";
      document.getElementById("step-help").textContent = HELP[node.type] || "";
      document.getElementById("step-error").hidden = true;
      document.getElementById("remove-step").hidden = !editable || node.kind === "trigger";
      document.getElementById("apply-step").hidden = !editable || node.kind === "end";
    }

    function freeKey(type) {
      let key;
      do { key = type + "-" + (++added); } while (stepIdByKey(key) !== null);
      return key;
    }

    function addStep(type) {
      const from = selectedId !== null && nodes.has(selectedId) ? selectedId : triggerId;
      const base = editor.getNodeFromId(from);
      const kind = type === "exit" ? "end" : "step";
      const id = add(kind, kind === "end" ? "end" : type, kind === "end" ? "" : freeKey(type),
        JSON.parse(JSON.stringify(DEFAULTS[type] || {})), base.pos_x + 230, base.pos_y + (added % 3) * 40);
      const free = Object.keys(base.outputs).find((o) => base.outputs[o].connections.length === 0);
      if (free) editor.addConnection(from, id, free, "input_1");
      select(id);
      changed();
      return id;
    }

    function showError(text) {
      const e = document.getElementById("step-error");
      e.textContent = text;
      e.hidden = !text;
    }

    function apply() {
      const node = nodes.get(selectedId);
      if (!node) return;
      let fields;
      try {
        fields = JSON.parse(document.getElementById("step-settings").value || "{}");
      } catch (e) {
        showError("Settings are not JSON: " + e.message);
        return;
      }
      if (fields === null || typeof fields !== "object" || Array.isArray(fields)) {
        showError("Settings are a JSON object.");
        return;
      }
      if (node.kind === "step") {
        const key = document.getElementById("step-key").value.trim();
        if (!key || key === "exit") { showError("A step needs a key other than exit."); return; }
        const other = stepIdByKey(key);
        if (other !== null && other !== selectedId) { showError("Another step has the key " + key + "."); return; }
        node.key = key;
      }
      node.fields = fields;
      const want = outputs(node.type, fields).length;
      let have = Object.keys(editor.getNodeFromId(selectedId).outputs).length;
      while (have < want) { editor.addNodeOutput(selectedId); have++; }
      while (have > want) { editor.removeNodeOutput(selectedId, "output_" + have); have--; }
      showError("");
      draw(selectedId);
      select(selectedId);
      changed();
    }

    function showProblems(problems) {
      document.querySelectorAll(".drawflow-node").forEach((n) => n.classList.remove("has-problems"));
      document.querySelectorAll(".node-problems").forEach((l) => l.replaceChildren());
      const box = document.getElementById("journey-problems");
      box.replaceChildren();
      box.hidden = problems.length === 0;
      if (problems.length === 0) return;
      box.appendChild(el("p", "", "Nothing was saved:"));
      const list = el("ul");
      box.appendChild(list);
      problems.forEach((p) => {
        const item = el("li");
        item.appendChild(el("code", "", p.field || "(journey)"));
        item.appendChild(document.createTextNode(": " + p.message));
        list.appendChild(item);
        let on = null;
        let best = -1;
        for (const [id, n] of nodes) {
          if (n.kind !== "step") continue;
          const at = "steps." + n.key;
          const f = p.field || "";
          if ((f === at || f.startsWith(at + ".") || f.startsWith(at + "[")) && at.length > best) { on = id; best = at.length; }
        }
        if (on === null && !(p.field || "").startsWith("steps") && p.field !== "key") on = triggerId;
        if (on === null) return;
        const element = document.getElementById("node-" + on);
        element.classList.add("has-problems");
        element.querySelector(".node-problems").appendChild(el("li", "", p.message));
      });
    }

    function save() {
      const state = document.getElementById("save-state");
      state.textContent = "Saving…";
      fetch("/journeys/canvas", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify({ editing: editing || null, document: serialize() }),
      })
        .then((r) => r.json().then((answer) => ({ ok: r.ok, answer: answer })))
        .then(({ ok, answer }) => {
          if (ok && answer.url) {
            window.location.assign(answer.url);
            return;
          }
          state.textContent = "Not saved.";
          showProblems(answer.problems || []);
        })
        .catch((e) => { state.textContent = "Not saved: " + e.message; });
    }

    load();
    select(triggerId);
    changed();
    editor.on("nodeSelected", (id) => select(Number(id)));
    editor.on("nodeRemoved", (id) => {
      const gone = nodes.get(Number(id));
      nodes.delete(Number(id));
      if (Number(id) === triggerId) triggerId = add("trigger", "trigger", "", gone.fields, 40, 40); // always one
      if (selectedId === Number(id)) select(triggerId);
      changed();
    });
    editor.on("connectionCreated", (c) => {
      // One link per output: a new connection replaces the one it had.
      const out = editor.getNodeFromId(c.output_id).outputs[c.output_class];
      out.connections.slice(0, -1).forEach((old) =>
        editor.removeSingleConnection(c.output_id, old.node, c.output_class, old.output));
      changed();
    });
    editor.on("connectionRemoved", changed);
    container.addEventListener("focusin", (e) => {
      const node = e.target.closest && e.target.closest(".drawflow-node");
      if (node) select(Number(node.id.replace("node-", "")));
    });
    root.querySelectorAll("[data-add]").forEach((b) => {
      b.hidden = !editable;
      b.addEventListener("click", () => addStep(b.getAttribute("data-add")));
    });
    document.getElementById("apply-step").addEventListener("click", apply);
    document.getElementById("zoom-in").addEventListener("click", () => editor.zoom_in());
    document.getElementById("zoom-out").addEventListener("click", () => editor.zoom_out());
    document.getElementById("remove-step").addEventListener("click", () => {
      if (selectedId !== null && selectedId !== triggerId) editor.removeNodeId("node-" + selectedId);
    });
    [keyInput, nameInput].forEach((i) => i && i.addEventListener("input", changed));
    const saveButton = document.getElementById("save-journey");
    if (saveButton) saveButton.addEventListener("click", save);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const root = document.getElementById("journey-editor");
    if (root && window.Drawflow) start(root);
  });
})();
