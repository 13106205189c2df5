// 运营数据 /dashboard: draws each [data-chart] from the JSON block #dashboard-data with ECharts
// (vendored in static/vendor/echarts). Every chart's numbers are also in the table below it,
// so the page is complete without script; charts resize with the window (375 px phones too).
(function () {
  "use strict";
  var source = document.getElementById("dashboard-data");
  if (!source || !window.echarts) return;
  var charts = JSON.parse(source.textContent || "{}");
  var drawn = [];
  var palette = ["#3056d3", "#98a2b3", "#f79009", "#12b76a", "#7a5af8"];

  function option(spec) {
    var percent = !!spec.percent;
    return {
      color: palette,
      animation: false,
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      legend: spec.series.length > 1 ? { top: 0 } : undefined,
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v == null ? "—" : v + (percent ? "%" : ""); } },
      xAxis: { type: "category", data: spec.labels, axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: { type: "value", axisLabel: { formatter: percent ? "{value}%" : "{value}" } },
      series: spec.series.map(function (s) {
        return { name: s.name, type: spec.kind || "bar", data: s.data, barMaxWidth: 36 };
      })
    };
  }

  document.querySelectorAll("[data-chart]").forEach(function (node) {
    var spec = charts[node.getAttribute("data-chart")];
    if (!spec || !spec.labels || !spec.labels.length) {
      node.hidden = true;
      return;
    }
    var chart = window.echarts.init(node);
    chart.setOption(option(spec));
    node.setAttribute("data-drawn", "true");
    drawn.push(chart);
  });
  window.addEventListener("resize", function () {
    drawn.forEach(function (chart) { chart.resize(); });
  });
})();
