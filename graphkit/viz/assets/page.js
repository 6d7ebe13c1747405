/* graphkit page: mounts the graph view on the data the page carries. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("gk-data").textContent);
  window.graphkit = window.GraphkitView.mount(document.getElementById("gk-view"), data, {
    onReady: function () { document.documentElement.setAttribute("data-gk-ready", "true"); }
  });
}());
