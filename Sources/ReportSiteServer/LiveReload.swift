import Foundation

/// What the preview adds to pages, and only the preview: `reportsite build`
/// output never contains it (Hugo's transform-at-publish idea).
enum LiveReload {
    static let prefix = "/__reportsite/"
    static let scriptPath = prefix + "live.js"
    static let socketPath = prefix + "live"
    static let statusPath = prefix + "status"

    /// Adds the live-reload script before `</body>` of an HTML page.
    static func inject(_ html: Data) -> Data {
        let tag = Data("<script src=\"\(scriptPath)\" defer></script>\n".utf8)
        guard let end = html.range(of: Data("</body>".utf8), options: .backwards) else { return html + tag }
        var out = html
        out.insert(contentsOf: tag, at: end.lowerBound)
        return out
    }

    /// The browser side: reload when a build succeeds; show the problems in an
    /// overlay when it fails, and clear it when they are fixed.
    static let script = """
        // reportsite preview: live reload and error overlay (never in built sites).
        (function () {
          "use strict";
          var overlay = null;
          function show(text) {
            if (!overlay) {
              overlay = document.createElement("div");
              overlay.setAttribute("role", "alertdialog");
              overlay.setAttribute("aria-label", "The site could not be built");
              overlay.style.cssText = "position:fixed;inset:0;z-index:99999;overflow:auto;background:rgba(11,12,12,.95);color:#fff;padding:2em;font:16px/1.5 monospace;white-space:pre-wrap";
              document.body.appendChild(overlay);
            }
            overlay.textContent = "reportsite: the site could not be built. Fix these and save; this page will reload.\\n\\n" + text;
          }
          function hide() { if (overlay) { overlay.remove(); overlay = null; } }
          function handle(message) {
            var event = JSON.parse(message);
            if (event.type === "errors") show(event.text);
            else if (event.type === "reload") location.reload();
          }
          fetch("\(statusPath)").then(function (r) { return r.json(); }).then(function (status) {
            if (status.errors) show(status.errors); else hide();
          });
          function connect() {
            var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "\(socketPath)");
            socket.onmessage = function (e) { handle(e.data); };
            socket.onclose = function () { setTimeout(connect, 1000); };
          }
          connect();
        })();
        """
}
