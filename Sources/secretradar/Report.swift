import ArgumentParser
import Foundation
import RadarEngine
import RadarModel
import RadarReport
import RadarRules
import RadarStore
import RadarSupport

/// `secretradar report`: any report format from the store, without rescanning.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render the store's findings as text, JSON, SARIF, a GitLab secret-detection report, CSV or HTML, without scanning.",
        discussion: """
            Reads the findings recorded by earlier scans — of every source, of one (--source), or as they stood after one scan (--scan) — and renders them the way `scan --format` does. Severity follows the latest scan's knowledge (which places are in the default branch's tip) and triage. Findings triaged false_positive or ignored are left out unless --include-triaged (then at severity info). Secrets are never in the store, so never in a report.

            Exit codes: 0 written; 2 usage or input error (no store, an unknown source or scan, an unwritable output).
            """
    )

    @OptionGroup var storeOption: StoreOption

    @Option(
        name: .shortAndLong,
        help:
            "Format: text, json, jsonl, sarif, gitlab (secret-detection report), csv (one row per place) or html (one self-contained page)."
    )
    var format: ReportFormat = .text

    @Option(
        name: .long, help: ArgumentHelp("Only this source (its path or URL as `sources list` shows it, or its id).", valueName: "source"))
    var source: String?

    @Option(
        name: .long, help: ArgumentHelp("The findings of this scan's source as they stood after it (see `scans list`).", valueName: "id"))
    var scan: Int64?

    @Option(
        name: .shortAndLong, help: ArgumentHelp("Write the report to this file (atomically) instead of standard output.", valueName: "file")
    )
    var output: String?

    @Flag(name: .long, help: "Also report findings triaged as false_positive or ignored (at severity info).")
    var includeTriaged = false

    @OptionGroup var rulesOption: RulesOption

    func run() throws {
        let loaded: (findings: [Finding], start: Date?, end: Date?, title: String)
        do { loaded = try StoredReport.load(storeOption.open(), source: source, scan: scan, includeTriaged: includeTriaged) } catch {
            fail(error.description)
        }
        let findings = loaded.findings
        // The rules only name and describe rules in SARIF and HTML; a report is still written without them.
        let ruleSet =
            (try? RuleLoader.load(path: Resources.rulesDirectory(explicit: rulesOption.rules), cacheDirectory: Resources.databaseCache()))
            ?? []
        let context = ReportContext(
            toolVersion: SecretRadar.configuration.version, rules: ruleSet, start: loaded.start ?? Date(), end: loaded.end ?? Date(),
            title: loaded.title)
        let data = ReportRenderer.render(
            findings: findings, summary: ScanSummary(findings: findings.count), format: format, context: context)
        if let output {
            do { try OutputFile.write(data, to: output) } catch {
                fail("\(output): cannot write report: \(error.localizedDescription)")
            }
            FileHandle.standardError.write(
                Data("secretradar: \(output): \(findings.count) finding\(findings.count == 1 ? "" : "s")\n".utf8))
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
