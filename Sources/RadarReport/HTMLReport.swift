import Foundation
import RadarModel

/// One self-contained HTML page for a security lead: counts by severity, rule and repository, a
/// chart of findings introduced over time (by the commit date that first brought each secret in),
/// and a findings table that sorts and filters in the browser. No network and no external asset
/// (a Content-Security-Policy forbids both); the chart is inline SVG drawn here, so it shows even
/// with scripts off. Never a plaintext secret. Every value from the scan is HTML-escaped: paths,
/// author names and commit messages come from the scanned repository.
enum HTMLReport {
    static let severities: [Severity] = [.critical, .high, .medium, .low, .info]
    static let colors: [Severity: String] = [
        .critical: "#8b0000", .high: "#d9480f", .medium: "#e8a400", .low: "#3b82c4", .info: "#8a8f98",
    ]

    static func render(_ findings: [Finding], summary: ScanSummary, context: ReportContext) -> Data {
        var bySeverity: [Severity: Int] = [:]
        var byRule: [String: (name: String, count: Int)] = [:]
        var byRepository: [String: Int] = [:]
        for f in findings {
            bySeverity[f.severity, default: 0] += 1
            byRule[f.rule, default: (f.ruleName, 0)].count += 1
            for repository in Set(f.locations.map { $0.repository ?? "(files)" }) { byRepository[repository, default: 0] += 1 }
        }
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="secretradar \(escape(context.toolVersion))">
            <title>\(escape(context.title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <header><h1>\(escape(context.title))</h1>
            <p class="meta">secretradar \(escape(context.toolVersion)) · scan \(escape(GitLabSecretDetectionReport.time(context.start))) to \(escape(GitLabSecretDetectionReport.time(context.end))) UTC · \(findings.count) finding\(findings.count == 1 ? "" : "s") · secrets are shown redacted</p></header>

            """
        page += "<section id=\"summary\"><h2>Summary</h2><div class=\"cards\">\n"
        for s in severities {
            page +=
                "<div class=\"card\" data-severity=\"\(s.rawValue)\"><span class=\"count\">\(bySeverity[s] ?? 0)</span><span class=\"label\">\(s.rawValue)</span></div>\n"
        }
        page += "</div>\n<div class=\"tables\">\n"
        page += countTable(
            id: "by-rule", caption: "By rule", header: ["Rule", "Findings"],
            rows: byRule.sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }.map {
                ["<code>\(escape($0.key))</code> \(escape($0.value.name))", String($0.value.count)]
            })
        page += countTable(
            id: "by-repository", caption: "By repository", header: ["Repository", "Findings"],
            rows: byRepository.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { [escape($0.key), String($0.value)] })
        page += "</div></section>\n"
        page += "<section id=\"over-time\"><h2>Findings introduced over time</h2>\n" + chart(findings) + "</section>\n"
        page += table(findings)
        page += "<script>\(script)</script>\n</body>\n</html>\n"
        return Data(page.utf8)
    }

    static func countTable(id: String, caption: String, header: [String], rows: [[String]]) -> String {
        var out = "<table id=\"\(id)\" class=\"counts\"><caption>\(escape(caption))</caption><thead><tr>"
        out += header.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in rows { out += "<tr>" + row.map { "<td>\($0)</td>" }.joined() + "</tr>\n" }
        if rows.isEmpty { out += "<tr><td colspan=\"\(header.count)\">none</td></tr>\n" }
        return out + "</tbody></table>\n"
    }

    /// Stacked bars per month of the earliest commit date of each finding; findings without a date
    /// (file scans) are counted under the chart.
    static func chart(_ findings: [Finding]) -> String {
        var months: [String: [Severity: Int]] = [:]
        var undated = 0
        for f in findings {
            guard let first = f.locations.compactMap(\.date).min(), first.count >= 7 else {
                undated += 1
                continue
            }
            months[String(first.prefix(7)), default: [:]][f.severity, default: 0] += 1
        }
        let keys = fillMonths(months.keys.sorted())
        let width = 760.0
        let height = 240.0
        let top = 10.0
        let bottom = 60.0
        let left = 36.0
        let peak = max(1, keys.map { months[$0]?.values.reduce(0, +) ?? 0 }.max() ?? 1)
        let slot = keys.isEmpty ? width - left : (width - left) / Double(keys.count)
        let barWidth = max(0.5, min(48, slot * 0.7))
        // Month labels at least ~56 units apart ("2023-03" is ~45 wide at 11px); over a year
        // apart, only Januaries, as years.
        let step = max(1, Int((56 / slot).rounded(.up)))
        let yearStep = step > 12 ? Int((Double(step) / 12).rounded(.up)) : 0
        var svg =
            "<svg id=\"timeline\" role=\"img\" aria-label=\"Findings introduced per month\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\">\n"
        svg += "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width)\" y2=\"\(height - bottom)\" stroke=\"#999\"/>\n"
        svg += "<text x=\"\(left - 6)\" y=\"\(top + 10)\" text-anchor=\"end\" class=\"axis\">\(peak)</text>\n"
        svg += "<text x=\"\(left - 6)\" y=\"\(height - bottom)\" text-anchor=\"end\" class=\"axis\">0</text>\n"
        let scale = (height - top - bottom) / Double(peak)
        for (i, month) in keys.enumerated() {
            let x = left + Double(i) * slot + (slot - barWidth) / 2
            var y = height - bottom
            let counts = months[month] ?? [:]
            let total = counts.values.reduce(0, +)
            svg +=
                "<g class=\"bar\" data-month=\"\(month)\" data-count=\"\(total)\"><title>\(month): \(total) finding\(total == 1 ? "" : "s")</title>\n"
            for s in severities.reversed() {
                guard let n = counts[s], n > 0 else { continue }
                let h = Double(n) * scale
                y -= h
                svg +=
                    "<rect x=\(attr(fmt(x))) y=\(attr(fmt(y))) width=\(attr(fmt(barWidth))) height=\(attr(fmt(h))) fill=\"\(colors[s]!)\"/>\n"
            }
            svg += "</g>\n"
            let label: String? =
                yearStep == 0
                ? (i % step == 0 ? month : nil)
                : (month.hasSuffix("-01") && (Int(month.prefix(4)) ?? 0) % yearStep == 0 ? String(month.prefix(4)) : nil)
            if let label {
                svg +=
                    "<text x=\(attr(fmt(x + barWidth / 2))) y=\"\(Int(height - bottom + 16))\" text-anchor=\"middle\" class=\"axis month\">\(label)</text>\n"
            }
        }
        // The legend: what each colour means.
        var lx = left
        let ly = height - 18
        svg += "<g id=\"legend\">\n"
        for s in severities {
            svg += "<rect x=\(attr(fmt(lx))) y=\"\(Int(ly - 9))\" width=\"10\" height=\"10\" fill=\"\(colors[s]!)\"/>"
            svg += "<text x=\(attr(fmt(lx + 14))) y=\"\(Int(ly))\" class=\"axis legend\">\(s.rawValue)</text>\n"
            lx += 14 + Double(s.rawValue.count) * 7 + 18
        }
        svg += "</g>\n"
        if keys.isEmpty {
            svg += "<text x=\"\(Int(width / 2))\" y=\"\(Int(height / 2))\" text-anchor=\"middle\" class=\"axis\">no commit dates</text>\n"
        }
        svg += "</svg>\n"
        if undated > 0 {
            svg +=
                "<p class=\"meta\">\(undated) finding\(undated == 1 ? "" : "s") without a commit date (found in files, not in git history).</p>\n"
        }
        return svg
    }

    /// Every month from the first to the last, so gaps show as gaps and the time axis is even
    /// (a 25-year history is 300 months; a bound of 1,200 only stops a nonsense date).
    static func fillMonths(_ sorted: [String]) -> [String] {
        guard let first = sorted.first, let last = sorted.last, var y = Int(first.prefix(4)), var m = Int(first.suffix(2)) else {
            return sorted
        }
        var out: [String] = []
        while out.count < 1200 {
            let key = String(format: "%04d-%02d", y, m)
            out.append(key)
            if key >= last { break }
            m += 1
            if m > 12 { (y, m) = (y + 1, 1) }
        }
        return out.last == last ? out : sorted
    }

    static func table(_ findings: [Finding]) -> String {
        var out = """
            <section id="findings-section"><h2>Findings</h2>
            <div class="controls"><input id="filter" type="search" placeholder="Filter: rule, path, author, status…" aria-label="Filter findings">
            <select id="severity-filter" aria-label="Minimum severity"><option value="0">all severities</option>
            <option value="4">critical</option><option value="3">high and above</option><option value="2">medium and above</option><option value="1">low and above</option></select>
            <span id="shown">\(findings.count) of \(findings.count) shown</span></div>
            <table id="findings"><thead><tr>
            <th data-type="number">Severity</th><th>Rule</th><th>Secret</th><th>Places</th><th>Repository</th><th>First seen</th><th>Author</th><th>Status</th><th>Baseline</th><th>Tags</th><th>Finding</th>
            </tr></thead><tbody>

            """
        // Gravest first; within a severity, the order the findings came in.
        let ordered = findings.enumerated().sorted {
            let (a, b) = (severities.firstIndex(of: $0.element.severity) ?? 0, severities.firstIndex(of: $1.element.severity) ?? 0)
            return a != b ? a < b : $0.offset < $1.offset
        }.map(\.element)
        for f in ordered {
            let rank = severities.count - 1 - (severities.firstIndex(of: f.severity) ?? 0)
            let first = f.locations.min { ($0.date ?? "9999", $0.path, $0.line) < ($1.date ?? "9999", $1.path, $1.line) }
            let places = f.locations.prefix(200).map { l in
                "<li>\(escape(l.path)):\(l.line)\(l.commit.map { " <code>\(escape(String($0.prefix(12))))</code>" } ?? "")\(l.inLatest == false ? " <em>history</em>" : "")</li>"
            }.joined()
            let more = f.locations.count > 200 ? "<li>… \(f.locations.count - 200) more</li>" : ""
            let firstPlace = first.map { "\($0.path):\($0.line)" } ?? ""
            let repositories = Set(f.locations.compactMap(\.repository)).sorted().joined(separator: ", ")
            out += "<tr data-severity=\"\(rank)\">"
            out += "<td data-sort=\"\(rank)\"><span class=\"sev sev-\(f.severity.rawValue)\">\(f.severity.rawValue)</span></td>"
            out += "<td><code>\(escape(f.rule))</code><br><small>\(escape(f.ruleName))</small></td>"
            out += "<td><code>\(escape(f.secretRedacted))</code></td>"
            out +=
                "<td data-sort=\(attr(firstPlace))><details><summary>\(escape(firstPlace))\(f.locations.count > 1 ? " +\(f.locations.count - 1)" : "")</summary><ul>\(places)\(more)</ul></details></td>"
            out += "<td>\(escape(repositories))</td>"
            out += "<td>\(escape(first?.date.map { String($0.prefix(10)) } ?? ""))</td>"
            out += "<td>\(escape(first?.author ?? ""))</td>"
            out += "<td>\(escape((f.status ?? .new).rawValue))</td>"
            out += "<td>\(escape(f.baseline?.rawValue ?? ""))</td>"
            out += "<td>\(escape(f.tags.joined(separator: " ")))</td>"
            out += "<td><code title=\(attr(f.id))>\(escape(String(f.id.prefix(12))))</code></td>"
            out += "</tr>\n"
        }
        return out + "</tbody></table></section>\n"
    }

    static func fmt(_ x: Double) -> String { String(format: "%.1f", x) }

    /// Text for HTML content.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A quoted attribute value.
    static func attr(_ s: String) -> String { "\"" + escape(s) + "\"" }

    static let style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 2rem 3rem;color:#1d2430}
        h1{font-size:1.5rem;margin:1.2rem 0 .2rem}h2{font-size:1.15rem;margin:1.6rem 0 .6rem}
        .meta{color:#5b6370;margin:.2rem 0}.cards{display:flex;gap:.8rem;flex-wrap:wrap}
        .card{border:1px solid #d8dde4;border-radius:6px;padding:.5rem 1rem;min-width:6rem}
        .card .count{display:block;font-size:1.6rem;font-weight:600}.card .label{color:#5b6370;text-transform:capitalize}
        .card[data-severity=critical]{border-color:#8b0000}.card[data-severity=high]{border-color:#d9480f}
        .tables{display:flex;gap:2rem;flex-wrap:wrap;margin-top:1rem}caption{text-align:left;font-weight:600;padding:.3rem 0}
        table{border-collapse:collapse}th,td{border-bottom:1px solid #e3e7ec;padding:.35rem .6rem;text-align:left;vertical-align:top}
        #findings{width:100%}#findings th{cursor:pointer;user-select:none;background:#f4f6f8;position:sticky;top:0}
        #findings th[aria-sort=ascending]::after{content:" ▲"}#findings th[aria-sort=descending]::after{content:" ▼"}
        .sev{display:inline-block;padding:0 .45rem;border-radius:3px;color:#fff;font-size:.85em}
        .sev-critical{background:#8b0000}.sev-high{background:#d9480f}.sev-medium{background:#e8a400;color:#1d2430}
        .sev-low{background:#3b82c4}.sev-info{background:#8a8f98}.controls{display:flex;gap:.8rem;align-items:center;margin:.6rem 0}
        #filter{min-width:22rem;padding:.3rem .5rem}details ul{margin:.3rem 0;padding-left:1.1rem}code{font-size:.92em}
        .axis{font-size:11px;fill:#5b6370}svg{max-width:60rem;display:block}
        """

    static let script = """
        (function () {
          // Month labels must never overlap: counted here, after layout, for anyone to check.
          var chart = document.getElementById("timeline");
          if (chart) {
            var boxes = Array.prototype.map.call(chart.querySelectorAll("text.month"), function (t) { return t.getBoundingClientRect(); });
            var overlaps = 0;
            for (var i = 1; i < boxes.length; i++) { if (boxes[i].left < boxes[i - 1].right) { overlaps++; } }
            chart.setAttribute("data-label-overlaps", String(overlaps));
            chart.setAttribute("data-labels-laid-out", String(boxes.filter(function (b) { return b.width > 0; }).length));
          }
          var table = document.getElementById("findings");
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          var filter = document.getElementById("filter");
          var severity = document.getElementById("severity-filter");
          var shown = document.getElementById("shown");
          function apply() {
            var words = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
            var minimum = Number(severity.value);
            var count = 0;
            rows.forEach(function (row) {
              var text = row.textContent.toLowerCase();
              var visible = Number(row.getAttribute("data-severity")) >= minimum &&
                words.every(function (w) { return text.indexOf(w) >= 0; });
              row.hidden = !visible;
              if (visible) { count++; }
            });
            shown.textContent = count + " of " + rows.length + " shown";
          }
          function key(row, index, numeric) {
            var cell = row.cells[index];
            var value = cell.getAttribute("data-sort");
            if (value === null) { value = cell.textContent.trim(); }
            return numeric ? Number(value) : value.toLowerCase();
          }
          Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
            th.setAttribute("role", "button");
            th.addEventListener("click", function () {
              var ascending = th.getAttribute("aria-sort") !== "ascending";
              var numeric = th.getAttribute("data-type") === "number";
              Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
              th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
              rows.sort(function (a, b) {
                var x = key(a, index, numeric), y = key(b, index, numeric);
                return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
              });
              rows.forEach(function (row) { body.appendChild(row); });
            });
          });
          filter.addEventListener("input", apply);
          severity.addEventListener("change", apply);
          // A link can carry a view: report.html#filter=stripe&severity=3&sort=5
          var view = {};
          location.hash.replace(/^#/, "").split("&").forEach(function (part) {
            var kv = part.split("=");
            if (kv.length === 2) { view[kv[0]] = decodeURIComponent(kv[1]); }
          });
          if (view.filter) { filter.value = view.filter; }
          if (view.severity) { severity.value = view.severity; }
          var headers = table.tHead.rows[0].cells;
          if (view.sort && headers[Number(view.sort)]) { headers[Number(view.sort)].click(); }
          apply();
          table.setAttribute("data-ready", "true");
        })();
        """
}
