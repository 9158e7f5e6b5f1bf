// Thin wrappers over Chart.js (served as a WebJar), one chart per canvas.

const charts = new Map();
const accent = '#4f46e5';

function draw(canvas, config) {
  charts.get(canvas.id)?.destroy();
  if (!window.Chart) return;
  charts.set(canvas.id, new window.Chart(canvas, config));
}

export function destroyAll() {
  for (const chart of charts.values()) chart.destroy();
  charts.clear();
}

const baseOptions = {
  responsive: true, maintainAspectRatio: false, animation: false,
  plugins: { legend: { display: false } },
  scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
};

export function line(canvas, points, label, interval) {
  draw(canvas, {
    type: 'line',
    data: {
      labels: points.map(p => formatTick(p.t, interval)),
      datasets: [{ label, data: points.map(p => p.value), borderColor: accent, backgroundColor: 'rgba(79,70,229,.12)', fill: true, tension: .25, pointRadius: 0, spanGaps: true }],
    },
    options: baseOptions,
  });
}

export function bars(canvas, labels, values, label) {
  draw(canvas, {
    type: 'bar',
    data: { labels, datasets: [{ label, data: values, backgroundColor: accent, borderRadius: 4 }] },
    options: baseOptions,
  });
}

function formatTick(t, interval) {
  const date = new Date(t);
  return interval === 'hour'
    ? date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit' })
    : date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}
