// Runs before first paint: apply the theme the reader chose, so the page never flashes the other one.
try {
  var theme = localStorage.getItem('news-reader:theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
} catch (error) {
  // storage unavailable: follow the system
}
