// Demo page: index.html?src=URL shows another issue in the viewer.
(function () {
  var src = new URLSearchParams(location.search).get('src');
  var viewer = document.querySelector('bulletin-viewer');
  if (src && viewer) viewer.setAttribute('src', src);
})();
