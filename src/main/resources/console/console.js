// Kairos console: draws the ECharts charts whose data the server put in data-chart attributes
// (JSON, escaped like any attribute), and draws them again after htmx swaps content in.
(function () {
  "use strict";
  const charts = new Map();

  function option(spec) {
    const stacked = spec.stacked === true;
    return {
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 8, right: 12, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: spec.x },
      yAxis: spec.y2
        ? [{ type: "value", name: spec.yName || "" }, { type: "value", name: spec.y2Name || "" }]
        : { type: "value", name: spec.yName || "" },
      series: spec.series.map((s) => ({
        name: s.name,
        type: s.type || spec.type || "bar",
        data: s.data,
        stack: stacked ? "total" : undefined,
        yAxisIndex: s.axis || 0,
        smooth: false,
      })),
    };
  }

  function draw(root) {
    if (!window.echarts) return;
    root.querySelectorAll("[data-chart]").forEach((el) => {
      const spec = JSON.parse(el.getAttribute("data-chart"));
      const previous = charts.get(el);
      if (previous) previous.dispose();
      const chart = window.echarts.init(el, null, { renderer: "svg" });
      chart.setOption(option(spec));
      charts.set(el, chart);
    });
  }

  window.addEventListener("resize", () => charts.forEach((c) => c.resize()));
  document.addEventListener("DOMContentLoaded", () => draw(document));
  document.addEventListener("htmx:afterSwap", (e) => draw(e.target));
})();
