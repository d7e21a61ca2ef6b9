import Foundation
import RadarTestSupport
import XCTest

/// Reports end to end on corpus/repos/reports.fi, a history with every severity and file names that
/// need escaping in every format (`docs/<b>notes, "draft".md`, `=1+2.env`, an author `Zoë "QA" & Tester`).
final class ReportCLITests: CLITestCase {
    var repo: String!
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/reports")
    static let formats: [(format: String, file: String)] = [
        ("text", "report.txt"), ("json", "report.json"), ("sarif", "report.sarif"), ("gitlab", "report.gitlab.json"),
        ("csv", "report.csv"), ("html", "report.html"),
    ]

    override func setUpWithError() throws {
        try super.setUpWithError()
        repo = try GitFixture(scenario: "reports", in: work).path
    }

    /// Every plaintext secret planted in the scenario.
    func plantedSecrets() throws -> [String] {
        let stream = try String(contentsOf: Self.root.appendingPathComponent("corpus/repos/reports.fi"), encoding: .utf8)
        var secrets = Set(
            stream.matches(of: /(glpat-[A-Za-z0-9]{20}|sk_live_[A-Za-z0-9]{24}|AKIA[A-Z0-9]{16})/).map { String($0.output.0) })
        secrets.formUnion(stream.matches(of: /DATABASE_PASSWORD = "([^"]+)"/).map { String($0.output.1) })
        XCTAssertEqual(secrets.count, 6)
        return secrets.sorted()
    }

    func scan(_ format: String, _ extra: [String] = []) throws -> Run {
        try run(["scan", "git", repo, "--no-store", "--include-ignored", "--format", format] + keyArgs + extra)
    }

    /// Times of this run, the version and the temporary path replaced, so goldens are stable.
    func normalised(_ text: String) throws -> String {
        let version = try run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        var out = text.replacingOccurrences(of: repo, with: "$REPO")
        out = out.replacingOccurrences(of: "\"\(version)\"", with: "\"$VERSION\"").replacingOccurrences(
            of: "secretradar \(version)", with: "secretradar $VERSION")
        // Scan times have no zone (GitLab's format); commit dates always carry one, and stay.
        out = out.replacing(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?![\d+\-Z.])/, with: "$TIME")
        return out
    }

    func testEveryFormatMatchesItsGolden() throws {
        let record = ProcessInfo.processInfo.environment["SECRETRADAR_RECORD"] == "1"
        if record { try FileManager.default.createDirectory(at: Self.goldenDirectory, withIntermediateDirectories: true) }
        for (format, file) in Self.formats {
            let r = try scan(format)
            XCTAssertEqual(r.status, 1, "\(format): \(r.stderr)")
            let actual = try normalised(r.stdout)
            let golden = Self.goldenDirectory.appendingPathComponent(file)
            if record {
                try actual.write(to: golden, atomically: true, encoding: .utf8)
                continue
            }
            let expected = try String(contentsOf: golden, encoding: .utf8)
            XCTAssertEqual(
                actual, expected, "\(file) differs; after an intended change: SECRETRADAR_RECORD=1 swift test --filter ReportCLITests")
        }
    }

    func testNoPlaintextSecretInTheMachineFormatsEvenWithShowSecrets() throws {
        let secrets = try plantedSecrets()
        let json = try scan("json", ["--show-secrets"]).stdout
        XCTAssertTrue(secrets.contains { json.contains($0) }, "sanity: --show-secrets shows them in JSON")
        for format in ["sarif", "gitlab", "csv", "html"] {
            let out = try scan(format, ["--show-secrets"]).stdout
            XCTAssertFalse(out.isEmpty)
            for secret in secrets { XCTAssertFalse(out.contains(secret), "\(format) shows \(secret.prefix(6))…") }
        }
    }

    /// The parts of the SARIF 2.1.0 schema a report must satisfy, checked one by one.
    func testSARIFHasTheStructureTheSchemaRequires() throws {
        let document = try json(try scan("sarif").stdout)
        XCTAssertEqual(document["version"] as? String, "2.1.0")
        XCTAssertEqual(document["$schema"] as? String, "https://json.schemastore.org/sarif-2.1.0.json")
        let runs = try XCTUnwrap(document["runs"] as? [[String: Any]])
        XCTAssertEqual(runs.count, 1)
        let driver = try XCTUnwrap((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        XCTAssertEqual(driver["name"] as? String, "secretradar")
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        let ruleIDs = rules.compactMap { $0["id"] as? String }
        XCTAssertEqual(ruleIDs.count, rules.count, "every rule has an id")
        XCTAssertEqual(Set(ruleIDs).count, ruleIDs.count, "one entry per rule")
        XCTAssertEqual(
            Set(ruleIDs), ["gitlab.personal_access_token", "stripe.secret_key", "generic.password_assignment", "aws.access_key_id"])
        for rule in rules {
            XCTAssertNotNil((rule["shortDescription"] as? [String: Any])?["text"] as? String)
            XCTAssertNotNil((rule["fullDescription"] as? [String: Any])?["text"] as? String)
            XCTAssertNotNil((rule["help"] as? [String: Any])?["text"] as? String)
            let level = (rule["defaultConfiguration"] as? [String: Any])?["level"] as? String
            XCTAssertTrue(["none", "note", "warning", "error"].contains(level ?? ""), "\(rule)")
            // GitHub reads security-severity on the rule, a number from 0 to 10 as a string.
            let security = try XCTUnwrap((rule["properties"] as? [String: Any])?["security-severity"] as? String, "\(rule)")
            XCTAssertTrue((0...10).contains(Double(security) ?? -1), security)
        }
        let results = try XCTUnwrap(runs[0]["results"] as? [[String: Any]])
        let listed = try json(try scan("json").stdout)["findings"] as? [[String: Any]] ?? []
        let places = listed.reduce(0) { $0 + (($1["locations"] as? [[String: Any]])?.count ?? 0) }
        XCTAssertGreaterThan(places, listed.count, "the scenario has a secret in several places")
        XCTAssertEqual(results.count, places, "one result per place: GitHub shows only a result's first location")
        let severityByID = Dictionary(uniqueKeysWithValues: listed.map { ($0["id"] as! String, $0["severity"] as! String) })
        var fingerprints = Set<String>()
        for result in results {
            let ruleID = try XCTUnwrap(result["ruleId"] as? String)
            let index = try XCTUnwrap(result["ruleIndex"] as? Int)
            XCTAssertEqual(ruleIDs[index], ruleID, "ruleIndex points at its rule")
            let message = try XCTUnwrap((result["message"] as? [String: Any])?["text"] as? String, "message.text is required")
            let id = try XCTUnwrap((result["properties"] as? [String: Any])?["findingId"] as? String)
            let fingerprint = try XCTUnwrap((result["partialFingerprints"] as? [String: String])?["secretradarFindingPlace/v1"])
            XCTAssertTrue(fingerprint.hasPrefix(id + "/"))
            fingerprints.insert(fingerprint)
            let expected = ["critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"]
            XCTAssertEqual(result["level"] as? String, expected[severityByID[id] ?? ""], id)
            let locations = try XCTUnwrap(result["locations"] as? [[String: Any]])
            XCTAssertEqual(locations.count, 1)
            let path =
                ((locations[0]["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String ?? ""
            XCTAssertFalse(message.contains(path.removingPercentEncoding ?? path), "the message does not repeat the place: \(message)")
            let related = result["relatedLocations"] as? [[String: Any]] ?? []
            XCTAssertEqual(related.count, min(20, ((listed.first { $0["id"] as? String == id }?["locations"] as? [Any])?.count ?? 1) - 1))
            for location in locations {
                let physical = try XCTUnwrap(location["physicalLocation"] as? [String: Any])
                let uri = try XCTUnwrap((physical["artifactLocation"] as? [String: Any])?["uri"] as? String)
                XCTAssertNotNil(URL(string: uri), "a valid URI reference: \(uri)")
                let region = try XCTUnwrap(physical["region"] as? [String: Any])
                XCTAssertGreaterThanOrEqual(region["startLine"] as? Int ?? 0, 1)
                XCTAssertGreaterThanOrEqual(region["startColumn"] as? Int ?? 0, 1)
                XCTAssertGreaterThanOrEqual(region["endLine"] as? Int ?? 0, region["startLine"] as? Int ?? 1)
            }
        }
        let uris = results.flatMap { ($0["locations"] as? [[String: Any]]) ?? [] }.compactMap {
            (($0["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String
        }
        XCTAssertTrue(uris.contains("docs/%3Cb%3Enotes%2C%20%22draft%22.md"), "\(uris)")
        XCTAssertEqual(fingerprints.count, results.count, "each place its own fingerprint")
    }

    /// Whole reports against OASIS's SARIF 2.1.0 JSON schema (Tests/Fixtures/sarif) with a real
    /// validator, `jsonschema` with URI format checks (`make test-deps` installs it into
    /// .build/test-venv): a git history's report, a file scan's with an absolute path, and a report
    /// broken on purpose, which must fail (the validator is not a rubber stamp).
    func testSARIFValidatesAgainstTheSchema() throws {
        let python = Self.root.appendingPathComponent(".build/test-venv/bin/python3")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            return XCTFail("jsonschema is needed: `make test-deps` installs it into .build/test-venv")
        }
        let schema = Self.root.appendingPathComponent("Tests/Fixtures/sarif/sarif-schema-2.1.0.json").path
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            document = json.load(open(sys.argv[2]))
            checker = jsonschema.Draft7Validator.FORMAT_CHECKER
            assert "uri-reference" in checker.checkers, "rfc3987 is missing: URI formats would go unchecked"
            errors = list(jsonschema.Draft7Validator(schema, format_checker=checker).iter_errors(document))
            for e in errors[:5]: print("/".join(map(str, e.absolute_path)), e.message[:300])
            sys.exit(1 if errors else 0)
            """
        func validate(_ report: String) throws -> Run {
            let file = work.appendingPathComponent("report-\(UUID().uuidString).sarif")
            try report.write(to: file, atomically: true, encoding: .utf8)
            return try run(["-c", script, schema, file.path], executable: python)
        }
        let history = try scan("sarif").stdout
        let checked = try validate(history)
        XCTAssertEqual(checked.status, 0, "the git report: \(checked.stdout)\(checked.stderr)")
        let file = work.appendingPathComponent("dir with space/app.env")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "TOKEN=glpat-bBRsk29cztUX1kmObfEj\n".write(to: file, atomically: true, encoding: .utf8)
        let absolute = try run(["scan", "path", file.path, "--no-store", "-f", "sarif"] + keyArgs)
        XCTAssertEqual(absolute.status, 1, absolute.stderr)
        let checkedAbsolute = try validate(absolute.stdout)
        XCTAssertEqual(checkedAbsolute.status, 0, "the file report: \(checkedAbsolute.stdout)\(checkedAbsolute.stderr)")
        let broken = history.replacingOccurrences(of: "\"startLine\" : ", with: "\"startLine\" : -")
        XCTAssertNotEqual(broken, history, "sanity: the report has regions")
        XCTAssertEqual(try validate(broken).status, 1, "a negative line number must fail the schema")
    }

    /// An absolute path is a `file:` URI with no `uriBaseId` (SARIF §3.4.4).
    func testSARIFOfAbsolutePathsHasNoBaseID() throws {
        let file = work.appendingPathComponent("app.env")
        try "TOKEN=glpat-bBRsk29cztUX1kmObfEj\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try run(["scan", "path", file.path, "--no-store", "-f", "sarif"] + keyArgs)
        XCTAssertEqual(r.status, 1, r.stderr)
        let results = try XCTUnwrap((try json(r.stdout)["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let artifact = try XCTUnwrap(
            ((results.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"]
                as? [String: Any])
        XCTAssertEqual(artifact["uri"] as? String, "file://" + file.path)
        XCTAssertNil(artifact["uriBaseId"])
    }

    func testTheGitLabReportHasWhatTheSchemaRequiresAndTracksByFindingID() throws {
        let document = try json(try scan("gitlab").stdout)
        XCTAssertTrue((document["version"] as? String)?.hasPrefix("15.") == true)
        let scanInfo = try XCTUnwrap(document["scan"] as? [String: Any])
        XCTAssertEqual(scanInfo["type"] as? String, "secret_detection")
        XCTAssertEqual(scanInfo["status"] as? String, "success")
        for key in ["start_time", "end_time"] {
            let time = try XCTUnwrap(scanInfo[key] as? String)
            XCTAssertNotNil(time.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/), time)
        }
        for key in ["analyzer", "scanner"] {
            let tool = try XCTUnwrap(scanInfo[key] as? [String: Any])
            for field in ["id", "name", "version"] { XCTAssertNotNil(tool[field] as? String, "\(key).\(field)") }
            XCTAssertNotNil((tool["vendor"] as? [String: Any])?["name"] as? String)
        }
        let vulnerabilities = try XCTUnwrap(document["vulnerabilities"] as? [[String: Any]])
        XCTAssertEqual(vulnerabilities.count, 7, "one per place")
        let ids = vulnerabilities.compactMap { $0["id"] as? String }
        XCTAssertEqual(Set(ids).count, 7)
        let findingIDs = Set((try json(try scan("json").stdout)["findings"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
        for v in vulnerabilities {
            let identifiers = try XCTUnwrap(v["identifiers"] as? [[String: String]])
            XCTAssertEqual(identifiers.first?["type"], "secretradar_finding_id")
            XCTAssertTrue(findingIDs.contains(identifiers.first?["value"] ?? ""), "primary identifier is the finding id")
            for identifier in identifiers { for field in ["type", "name", "value"] { XCTAssertNotNil(identifier[field]) } }
            let location = try XCTUnwrap(v["location"] as? [String: Any])
            XCTAssertNotNil((location["commit"] as? [String: String])?["sha"]?.wholeMatch(of: /[0-9a-f]{40}/))
            XCTAssertNotNil(location["file"] as? String)
            XCTAssertGreaterThanOrEqual(location["start_line"] as? Int ?? 0, 1)
            XCTAssertTrue(["Info", "Unknown", "Low", "Medium", "High", "Critical"].contains(v["severity"] as? String ?? ""))
            XCTAssertNil(v["raw_source_code_extract"])
        }
        // A working-tree scan has no commit: the placeholder sha.
        let files = try run(["scan", "path", repo, "--no-store", "--format", "gitlab"] + keyArgs)
        try GitFixture.git(["checkout", "-q", "-f", "main"], in: repo)
        let checkedOut = try json(try run(["scan", "path", repo, "--no-store", "--format", "gitlab"] + keyArgs).stdout)
        XCTAssertEqual(files.status, 0, "nothing checked out yet")
        let shas = (checkedOut["vulnerabilities"] as? [[String: Any]] ?? []).compactMap {
            (($0["location"] as? [String: Any])?["commit"] as? [String: String])?["sha"]
        }
        XCTAssertFalse(shas.isEmpty)
        XCTAssertEqual(Set(shas), [String(repeating: "0", count: 40)])
    }

    /// RFC 4180 read back: quoted fields, doubled quotes, CRLF.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" {
                        field.append("\"")
                        chars.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\r\n" || c == "\n" {
                row.append(field)
                rows.append(row)
                (row, field) = ([], "")
            } else {
                field.append(c)
            }
        }
        return rows
    }

    func testCSVHasOneRowPerPlaceWithTheMigrationColumns() throws {
        let text = try scan("csv").stdout
        XCTAssertTrue(text.hasSuffix("\r\n"))
        let rows = Self.parseCSV(text)
        XCTAssertEqual(
            rows[0],
            [
                "category", "rule", "description", "severity", "created_at", "author", "is_historic", "repository", "path", "line",
                "column",
                "commit", "git_reference", "value_hash", "redacted_context", "tags", "triage_status", "baseline",
            ])
        XCTAssertEqual(rows.count, 8, "header and 7 places")
        XCTAssertTrue(rows.dropFirst().allSatisfy { $0.count == rows[0].count })
        let byPath = Dictionary(rows.dropFirst().map { ($0[8], $0) }, uniquingKeysWith: { a, _ in a })
        let docs = try XCTUnwrap(byPath["docs/<b>notes, \"draft\".md"], "commas and quotes survive: \(byPath.keys)")
        XCTAssertEqual(docs[3], "critical")
        XCTAssertEqual(docs[12], "HEAD")
        XCTAssertNotNil(byPath["'=1+2.env"], "a path a spreadsheet would run as a formula is prefixed with '")
        let old = try XCTUnwrap(byPath["config/old.env"])
        XCTAssertEqual(old[3], "high")
        XCTAssertEqual(old[6], "true", "only in history")
        XCTAssertEqual(old[5], "Zoë \"QA\" & Tester <zoe@example.com>")
        XCTAssertEqual(old[4], "2023-01-01T02:00:00+01:00")
        XCTAssertEqual(byPath["tests/fixtures/creds.json"]?[15], "fixture;test")
        XCTAssertEqual(byPath["src/example_client.py"]?[3], "info")
        XCTAssertNotNil(old[13].wholeMatch(of: /[0-9a-f]{64}/), "value_hash is the finding id")
    }

    func chromium() throws -> String {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for dir in ["/usr/bin", "/usr/local/bin", "/snap/bin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return "\(dir)/\(name)"
            }
        }
        XCTFail("headless Chromium is needed for the HTML report test: apt-get install chromium (.ci/run and `make deps` do)")
        throw XCTSkip("unreachable")
    }

    func testTheHTMLReportRendersInHeadlessChromiumWithItsTableAndChart() throws {
        let page = work.appendingPathComponent("report.html")
        let r = try scan("html", ["--output", page.path])
        XCTAssertEqual(r.status, 1, r.stderr)
        let html = try String(contentsOf: page, encoding: .utf8)
        XCTAssertTrue(html.contains("docs/&lt;b&gt;notes, &quot;draft&quot;.md"), "escaped")
        XCTAssertFalse(html.contains("<b>notes"), "never raw")
        XCTAssertFalse(html.contains("src=\"http") || html.contains("href=\"http"), "no external asset")
        let browser = try chromium()
        let profile = work.appendingPathComponent("chromium-profile").path
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=" + profile]
        let dom = try run(flags + ["--dump-dom", page.absoluteString], executable: URL(fileURLWithPath: browser), directory: work)
        XCTAssertEqual(dom.status, 0, dom.stderr)
        XCTAssertTrue(dom.stdout.contains("<table id=\"findings\" data-ready=\"true\">"), "the table, and its script ran")
        XCTAssertEqual(dom.stdout.components(separatedBy: "<tr data-severity=").count - 1, 6, "one row per finding")
        XCTAssertTrue(dom.stdout.contains("6 of 6 shown"))
        XCTAssertTrue(dom.stdout.contains("<svg id=\"timeline\""), "the chart")
        for month in ["2023-01", "2023-03", "2023-06"] {
            XCTAssertTrue(dom.stdout.contains("data-month=\"\(month)\""), month)
        }
        XCTAssertTrue(dom.stdout.contains("data-month=\"2023-02\" data-count=\"0\""), "gaps show as empty months")
        XCTAssertTrue(dom.stdout.contains("data-label-overlaps=\"0\""), "month labels laid out without overlap")
        XCTAssertEqual(dom.stdout.components(separatedBy: "class=\"axis legend\"").count - 1, 5, "a legend for the five colours")
        let defaultOrder = dom.stdout.matches(of: /<tr data-severity="(\d)"/).map { Int($0.output.1)! }
        XCTAssertEqual(defaultOrder, defaultOrder.sorted(by: >), "rows gravest first")
        XCTAssertTrue(dom.stdout.contains("id=\"by-rule\"") && dom.stdout.contains("id=\"by-repository\""))
        // Filtering and sorting run in the page: a view given in the URL's fragment.
        let filtered = try run(
            flags + ["--dump-dom", page.absoluteString + "#filter=stripe"], executable: URL(fileURLWithPath: browser), directory: work)
        XCTAssertTrue(filtered.stdout.contains("1 of 6 shown"), filtered.stdout.suffix(2000).description)
        XCTAssertEqual(filtered.stdout.components(separatedBy: "<tr data-severity=").count - 1, 6)
        XCTAssertEqual(filtered.stdout.components(separatedBy: " hidden=\"\"").count - 1, 5, "five rows hidden")
        let bySeverity = try run(
            flags + ["--dump-dom", page.absoluteString + "#severity=3&sort=1"], executable: URL(fileURLWithPath: browser), directory: work)
        XCTAssertTrue(bySeverity.stdout.contains("4 of 6 shown"), "critical and high only")
        XCTAssertTrue(bySeverity.stdout.contains("<th role=\"button\" aria-sort=\"ascending\">Rule</th>"), "sorted by rule")
        let ruleOrder = bySeverity.stdout.matches(
            of: /<tr data-severity="\d"[^>]*><td[^>]*><span[^>]*>\w+<\/span><\/td><td><code>([a-z_.]+)<\/code>/
        )
        .map { String($0.output.1) }
        XCTAssertEqual(ruleOrder, ruleOrder.sorted(), "rows in rule order: \(ruleOrder)")
        XCTAssertEqual(ruleOrder.count, 6)
        let shot = work.appendingPathComponent("report.png")
        let screenshot = try run(
            flags + ["--screenshot=" + shot.path, "--window-size=1200,1600", page.absoluteString],
            executable: URL(fileURLWithPath: browser),
            directory: work)
        XCTAssertEqual(screenshot.status, 0, screenshot.stderr)
        let png = try Data(contentsOf: shot)
        XCTAssertGreaterThan(png.count, 10_000)
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4e, 0x47])
    }

    /// A 25-year history: every month on an even axis (none dropped), labels that never overlap.
    func testTheChartOfAQuarterCenturyHasEveryMonthAndLabelsThatDoNotOverlap() throws {
        let long = work.appendingPathComponent("long").path
        try GitFixture.git(["init", "-q", "-b", "main", long], in: work.path)
        for year in [2000, 2003, 2011, 2024] {
            let date = "\(year)-06-15T12:00:00+00:00"
            try "TOKEN=glpat-\(year)Rk7mQ2xW9pL4vT8n\n".write(toFile: long + "/y\(year).env", atomically: true, encoding: .utf8)
            try GitFixture.git(["add", "."], in: long)
            try GitFixture.git(
                ["commit", "-q", "-m", "\(year)"], in: long, environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
        }
        let page = work.appendingPathComponent("long.html")
        let r = try run(["scan", "git", long, "--no-store", "-f", "html", "-o", page.path] + keyArgs)
        XCTAssertEqual(r.status, 1, r.stderr)
        let html = try String(contentsOf: page, encoding: .utf8)
        XCTAssertEqual(
            html.components(separatedBy: "<g class=\"bar\" data-month=").count - 1, 24 * 12 + 1, "2000-06 to 2024-06, every month")
        XCTAssertTrue(html.contains("data-month=\"2024-06\" data-count=\"1\""), "the last month is not dropped")
        let browser = try chromium()
        let flags = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--user-data-dir=" + work.appendingPathComponent("profile").path,
        ]
        let dom = try run(flags + ["--dump-dom", page.absoluteString], executable: URL(fileURLWithPath: browser), directory: work)
        XCTAssertEqual(dom.status, 0, dom.stderr)
        XCTAssertTrue(dom.stdout.contains("data-label-overlaps=\"0\""), "no overlapping labels")
        let laidOut = try XCTUnwrap(dom.stdout.firstMatch(of: /data-labels-laid-out="(\d+)"/)).output.1
        XCTAssertGreaterThanOrEqual(Int(laidOut) ?? 0, 5, "the check measured real boxes")
        XCTAssertGreaterThanOrEqual(dom.stdout.components(separatedBy: "class=\"axis month\"").count - 1, 5, "years along the axis")
    }

    func testFailSeverityDecidesTheExitCode() throws {
        XCTAssertEqual(try scan("text", ["--fail-severity", "critical"]).status, 1)
        let fixtures = try run(["scan", "git", repo, "--no-store", "--range", "HEAD~1..HEAD", "--fail-severity", "low"] + keyArgs)
        XCTAssertEqual(fixtures.status, 0, "the only new secret is ignored (info): \(fixtures.stdout)")
        let ignored = try run(
            ["scan", "git", repo, "--no-store", "--range", "HEAD~1..HEAD", "--include-ignored", "--fail-severity", "info"] + keyArgs)
        XCTAssertEqual(ignored.status, 1)
        XCTAssertTrue(ignored.stdout.contains("[info] gitlab.personal_access_token"), ignored.stdout)
        XCTAssertEqual(try run(["scan", "git", repo, "--fail-severity", "urgent"] + keyArgs).status, 2)
    }

    func testReportRendersTheStoreWithoutRescanning() throws {
        let store = work.appendingPathComponent("radar.db").path
        XCTAssertEqual(try run(["scan", "git", repo, "--store", store] + keyArgs).status, 1)
        let scanned = try json(try run(["scan", "git", repo, "--no-store", "--format", "json"] + keyArgs).stdout)
        let expected = Set((scanned["findings"] as? [[String: Any]] ?? []).map { "\($0["id"]!) \($0["severity"]!)" })
        XCTAssertEqual(expected.count, 5, "the ignored one is not reported without --include-ignored")
        let stored = try json(try run(["report", "--store", store, "--format", "json"]).stdout)
        XCTAssertEqual(Set((stored["findings"] as? [[String: Any]] ?? []).map { "\($0["id"]!) \($0["severity"]!)" }), expected)
        for format in ["sarif", "gitlab", "csv", "html", "jsonl", "text"] {
            let out = work.appendingPathComponent("report.\(format)").path
            let r = try run(["report", "--store", store, "--format", format, "--output", out, "--source", "1"])
            XCTAssertEqual(r.status, 0, "\(format): \(r.stderr)")
            let text = try String(contentsOfFile: out, encoding: .utf8)
            XCTAssertTrue(text.contains("gitlab.personal_access_token"), format)
        }
        XCTAssertEqual(
            Self.parseCSV(try run(["report", "--store", store, "--format", "csv", "--scan", "1"]).stdout).count, 7, "header and 6 places")
        let unknown = try run(["report", "--store", store, "--scan", "99"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("no scan 99"), unknown.stderr)
        XCTAssertEqual(try run(["report", "--store", store, "--source", "/nowhere"]).status, 2)
        XCTAssertEqual(try run(["report", "--store", work.appendingPathComponent("none.db").path]).status, 2)
    }
}
