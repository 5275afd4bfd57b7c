// The dyad chart: counts by QuadClass (stacked bars) and the Goldstein mean (line, right
// axis) per period; clicking a point asks for that period's events as JSON and lists them.
// Every piece of text goes into the page as a text node, never as HTML.
(function () {
  "use strict";
  const chart = document.getElementById("chart");
  if (!chart) return;
  const QUADS = [
    ["verbal_cooperation", "verbal cooperation", "#74a9cf"],
    ["material_cooperation", "material cooperation", "#0570b0"],
    ["verbal_conflict", "verbal conflict", "#fdae6b"],
    ["material_conflict", "material conflict", "#d94801"],
  ];
  const DAY = 86400000;
  const PERIOD = { month: "M1", week: 7 * DAY, day: DAY };

  function traces(points, by) {
    const x = points.map((p) => p.period);
    const common = { x, customdata: x, xperiod: PERIOD[by], xperiod0: "2000-01-03", xperiodalignment: "middle" };
    const bars = QUADS.map(([key, name, color]) => ({
      ...common, type: "bar", name, y: points.map((p) => p[key]), marker: { color },
      hovertemplate: "%{customdata}: %{y} " + name + "<extra></extra>",
    }));
    const mean = {
      ...common, type: "scatter", mode: "lines+markers", name: "Goldstein mean", yaxis: "y2",
      y: points.map((p) => p.goldstein_mean), line: { color: "#333", width: 2 },
      marker: { size: 10 }, connectgaps: false,
      hovertemplate: "%{customdata}: Goldstein mean %{y}<extra></extra>",
    };
    return [...bars, mean];
  }

  function layout(points) {
    const most = Math.max(1, ...points.map((p) => p.events));
    return {
      barmode: "stack", hovermode: "closest", height: 400,
      margin: { l: 50, r: 60, t: 30, b: 30 },
      legend: { orientation: "h", x: 0, y: 1.12, traceorder: "normal" },
      xaxis: { type: "date" },
      yaxis: { title: { text: "events" }, rangemode: "tozero", dtick: Math.max(1, Math.ceil(most / 6)) },
      yaxis2: {
        title: { text: "Goldstein mean" }, overlaying: "y", side: "right", range: [-10.5, 10.5],
        dtick: 5, showgrid: false, zeroline: true, zerolinecolor: "#999",
      },
    };
  }

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== null && text !== undefined) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function link(href, text) {
    const a = el("a", text);
    a.href = href;
    return a;
  }

  function report(r) {
    const li = el("li", null, "report");
    const sentence = el("p", null, "sentence");
    sentence.append(r.parts[0], el("mark", r.parts[1], "event"), r.parts[2]);
    const source = el("p", null, "source");
    source.append(link("/document/" + encodeURIComponent(r.doc_id), r.title || r.doc_id));
    source.append(" · " + (r.outlet || "no outlet") + " · published " + (r.published || "—") + " · ");
    source.append(link("/event/" + encodeURIComponent(r.doc_id) + "/" + r.event, "event " + r.event));
    li.append(sentence, source);
    return li;
  }

  function side(e, name) {
    const who = e[name + "_name"] || e[name + "_text"] || "?";
    const code = [e[name + "_country"], e[name + "_sector"]].filter(Boolean).join(" ");
    return code ? who + " (" + code + ")" : who;
  }

  function showEvents(data) {
    const title = document.getElementById("period-title");
    const list = document.getElementById("period-events");
    title.textContent = data.events.length + " events of " + data.dyad + " in " + data.period;
    title.hidden = false;
    list.replaceChildren();
    for (const e of data.events) {
      const item = el("li", null, "period-event");
      const head = el("p");
      head.append(link("/fused/" + encodeURIComponent(e.fused_id), e.event_date));
      head.append(" · " + side(e, "source") + " → " + (e.plover_type || "") + " " + e.cameo +
        " → " + side(e, "target") + " · " + e.num_articles + (e.num_articles === 1 ? " article" : " articles"));
      const reports = el("ol", null, "reports");
      reports.append(...e.reports.map(report));
      item.append(head, reports);
      list.append(item);
    }
    list.dataset.period = data.period;
  }

  async function showPeriod(period) {
    const query = new URLSearchParams({ by: chart.dataset.by, all: chart.dataset.all });
    const url = chart.dataset.periodBase + encodeURIComponent(period) + ".json?" + query;
    const response = await fetch(url);
    if (!response.ok) throw new Error("the events of " + period + " could not be loaded");
    showEvents(await response.json());
  }

  async function main() {
    const response = await fetch(chart.dataset.series);
    const data = await response.json();
    if (!data.points.length) {
      chart.textContent = "No dated events to chart.";
      return;
    }
    if (typeof Plotly === "undefined") {
      chart.textContent = "The chart library did not load; the table below has the same numbers.";
      return;
    }
    await Plotly.newPlot(chart, traces(data.points, data.by), layout(data.points),
      { displaylogo: false, responsive: true });
    chart.on("plotly_click", (event) => {
      if (event.points.length) showPeriod(event.points[0].customdata).catch(fail);
    });
    chart.dataset.ready = "1";
  }

  function fail(error) {
    const list = document.getElementById("period-events");
    list.replaceChildren(el("li", String(error), "error"));
  }

  main().catch((error) => { chart.textContent = "The chart could not be drawn: " + error; });
})();
