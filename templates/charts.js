/* Draws every chart of a mipack page. Each chart is a container
   div with data-chart="ID", data-value-type="number" and data-decimals="2";
   its ECharts option is the JSON data block (type application/json) of id ID.
   Numbers on the value axis and in tooltips are formatted in the page's
   language (lang="da": 182.700 and 1.234,5) with the minus sign U+2212,
   like the tables. */
(function () {
  "use strict";
  var tag = document.documentElement.lang === "da" ? "da-DK" : "en-GB";
  var charts = [];

  function formatter(decimals, fixed, percent) {
    var nf = new Intl.NumberFormat(tag, {
      minimumFractionDigits: fixed ? decimals : 0,
      maximumFractionDigits: decimals,
      useGrouping: true
    });
    return function (v) {
      if (v === null || v === undefined || v === "-" || isNaN(v)) {
        return "–";
      }
      var s = (percent ? nf.format(v * 100) + " %" : nf.format(v));
      return s.replace("-", "\u2212");
    };
  }

  // fitLabels keeps category labels from overlapping: they stand level
  // while the longest fits its slot on the axis, and are turned 30 degrees
  // (cut at 160 px; the full text is in the tooltip and the table) when not.
  function fitLabels(chart, el, labels) {
    var n = Math.max(1, labels.length);
    var slot = (el.clientWidth * 0.88) / n;
    var longest = 0;
    labels.forEach(function (l) { longest = Math.max(longest, String(l).length); });
    var level = longest * 7 <= slot - 6;
    chart.setOption({
      // A turned first label reaches left of the plot: leave it room.
      grid: { left: level ? 8 : 80 },
      xAxis: {
        // The axis title stands below the labels, turned ones included.
        nameGap: level ? 28 : 30 + Math.min(160, longest * 7) / 2,
        axisLabel: level ?
          { interval: 0, rotate: 0 } :
          { interval: 0, rotate: 30, width: 160, overflow: "truncate" }
      }
    });
  }

  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var block = document.getElementById(el.getAttribute("data-chart"));
    if (!block) {
      throw new Error("chart data block missing: " + el.getAttribute("data-chart"));
    }
    var option = JSON.parse(block.textContent);
    var decimals = parseInt(el.getAttribute("data-decimals"), 10) || 0;
    var percent = el.getAttribute("data-value-type") === "percent";
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption(option);
    chart.setOption({
      yAxis: { axisLabel: { formatter: formatter(decimals, false, percent) } },
      tooltip: {
        valueFormatter: formatter(decimals, true, percent),
        transitionDuration: 0,
        textStyle: { color: "#1b1d21" }
      }
    });
    var categories = (option.xAxis && option.xAxis[0] && option.xAxis[0].data) || [];
    fitLabels(chart, el, categories);
    charts.push({ chart: chart, el: el, categories: categories });
  });

  function resize() {
    charts.forEach(function (c) {
      c.chart.resize();
      fitLabels(c.chart, c.el, c.categories);
    });
  }
  window.addEventListener("resize", resize);
  window.addEventListener("beforeprint", resize);
  window.addEventListener("afterprint", resize);
  if (window.matchMedia) {
    var print = window.matchMedia("print");
    if (print.addEventListener) {
      print.addEventListener("change", resize);
    }
  }
})();
