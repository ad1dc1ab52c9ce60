// Draws the dashboard's chart of closed months from the JSON the page carries; the table next to
// it shows the same figures, so the page says everything without JavaScript.
document.addEventListener('DOMContentLoaded', () => {
  const data = document.getElementById('months-data');
  const canvas = document.getElementById('months-chart');
  if (!data || !canvas || typeof Chart === 'undefined') return;
  const months = JSON.parse(data.textContent);
  // months by name, the axis in the page's language, each tooltip the figure exactly as the table writes it
  const axis = new Intl.NumberFormat(months.locale, { maximumFractionDigits: 0 });
  new Chart(canvas, {
    type: 'bar',
    data: { labels: months.labels, datasets: months.series.map(s => ({ label: s.label, data: s.values })) },
    options: {
      animation: false, responsive: true, locale: months.locale,
      scales: { y: { beginAtZero: true, ticks: { callback: value => axis.format(value) } } },
      plugins: {
        tooltip: {
          callbacks: {
            label: item => item.dataset.label + ': ' + months.series[item.datasetIndex].shown[item.dataIndex]
          }
        }
      }
    }
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
