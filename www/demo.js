// Demo page: index.html?src=URL shows one issue in the viewer, ?feed=URL another feed.
(function () {
  var params = new URLSearchParams(location.search);
  var viewer = document.querySelector('bulletin-viewer');
  if (!viewer) return;
  var src = params.get('src');
  var feed = params.get('feed');
  if (src) {
    viewer.removeAttribute('feed');
    viewer.setAttribute('src', src);
  } else if (feed) {
    viewer.setAttribute('feed', feed);
  }
})();
