// Draws the dashboard's chart of closed months from the JSON the page carries; the table next to
// it shows the same figures, so the page says everything without JavaScript.
document.addEventListener('DOMContentLoaded', () => {
  const data = document.getElementById('months-data');
  const canvas = document.getElementById('months-chart');
  if (!data || !canvas || typeof Chart === 'undefined') return;
  const months = JSON.parse(data.textContent);
  new Chart(canvas, {
    type: 'bar',
    data: { labels: months.labels, datasets: months.series.map(s => ({ label: s.label, data: s.values })) },
    options: { animation: false, responsive: true, scales: { y: { beginAtZero: true } } }
  });
});
