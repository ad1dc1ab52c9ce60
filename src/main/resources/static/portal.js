// Draws each bar chart (a canvas naming its JSON in data-chart: the dashboard's closed months, the
// incentive desk's co-marketing budgets) from the JSON the page carries; the table next to it shows
// the same figures, so the page says everything without JavaScript.
document.addEventListener('DOMContentLoaded', () => {
  if (typeof Chart === 'undefined') return;
  document.querySelectorAll('canvas[data-chart]').forEach(canvas => {
    const data = document.getElementById(canvas.dataset.chart);
    if (!data) return;
    const chart = JSON.parse(data.textContent);
    // labels by name, the axis in the page's language, each tooltip the figure exactly as the table writes it
    const axis = new Intl.NumberFormat(chart.locale, { maximumFractionDigits: 0 });
    new Chart(canvas, {
      type: 'bar',
      data: { labels: chart.labels, datasets: chart.series.map(s => ({ label: s.label, data: s.values })) },
      options: {
        animation: false, responsive: true, locale: chart.locale,
        scales: { y: { beginAtZero: true, ticks: { callback: value => axis.format(value) } } },
        plugins: {
          tooltip: {
            callbacks: {
              label: item => item.dataset.label + ': ' + chart.series[item.datasetIndex].shown[item.dataIndex]
            }
          }
        }
      }
    });
  });
});

// Fills an element marked data-load with the element of the same id from the page at that address
// (the dashboard's month so far, which reads the month's usage); without JavaScript the element's
// link leads to that page.
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('[data-load]').forEach(async placeholder => {
    try {
      const response = await fetch(placeholder.dataset.load, { credentials: 'same-origin' });
      if (!response.ok) return;
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const loaded = page.getElementById(placeholder.id);
      if (loaded) placeholder.replaceWith(document.importNode(loaded, true));
    } catch (e) {
      // the link stays
    }
  });
});

// The brand form's swatch follows the colour picker before the brand is saved (without JavaScript
// it shows the stored colour).
document.addEventListener('DOMContentLoaded', () => {
  const picker = document.querySelector('input[type=color][data-swatch]');
  const swatch = picker && document.getElementById(picker.dataset.swatch);
  if (!swatch) return;
  picker.addEventListener('input', () => {
    swatch.src = swatch.src.replace(/fill=%22%23[0-9a-fA-F]{6}/, 'fill=%22%23' + picker.value.substring(1));
  });
});
