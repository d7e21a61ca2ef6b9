import ArgumentParser
import Foundation
import RadarMatch
import RadarModel
import RadarRules

/// `secretradar rules …`: inspect and check the rule pack.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List or check detection rules.",
        subcommands: [List.self, Check.self]
    )

    /// Options shared by the rules subcommands.
    struct RulesOptions: ParsableArguments {
        @OptionGroup var rulesOption: RulesOption
        var rules: String? { rulesOption.rules }

        func load() -> [Rule] {
            let path = Resources.rulesDirectory(explicit: rules)
            do { return try RuleLoader.load(path: path) } catch { fail(error.description) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List every rule: id, confidence, how the prefilter takes it (anchor literals, exact, prefilter), name.")

        @OptionGroup var options: RulesOptions

        @Option(help: "Output format: text or json.")
        var format: ListFormat = .text

        enum ListFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

        func run() throws {
            let rules = options.load()
            switch format {
            case .json:
                struct Entry: Encodable {
                    let id, name, confidence, description: String
                    let categories, references: [String]
                    let min_entropy: Double?
                    let weak_values: String
                    let decode: String?
                    let filenames: [String]
                }
                let entries = rules.map {
                    Entry(
                        id: $0.id, name: $0.name, confidence: $0.confidence.rawValue, description: $0.description,
                        categories: $0.categories, references: $0.references, min_entropy: $0.minEntropy,
                        weak_values: $0.weakValues.rawValue, decode: $0.decode?.rawValue, filenames: $0.filenames)
                }
                let enc = JSONEncoder()
                enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                FileHandle.standardOutput.write(try enc.encode(entries) + Data("\n".utf8))
            case .text:
                let matcher: Matcher
                do { matcher = try Matcher(rules: rules) } catch { fail(error.description) }
                let width = rules.map(\.id.count).max() ?? 0
                var out = ""
                for (index, rule) in rules.enumerated() {
                    let mode = matcher.prefilterDescription(ruleIndex: index)
                    out += rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
                    out += "  " + rule.confidence.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)
                    out += "  " + mode.padding(toLength: 17, withPad: " ", startingAt: 0)
                    out += "  " + rule.name
                    if let anchor = matcher.anchorDescription(ruleIndex: index) { out += "  [anchor: \(anchor)]" }
                    if !rule.filenames.isEmpty { out += "  [only in files named: \(rule.filenames.joined(separator: ", "))]" }
                    out += "\n"
                }
                out += "\(rules.count) rules\n"
                FileHandle.standardOutput.write(Data(out.utf8))
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Compile every rule and run its examples and negative examples through the real matcher.",
            discussion: "Exits 0 when every rule passes, 1 when any rule has a problem, 2 when the rules cannot be loaded."
        )

        @OptionGroup var options: RulesOptions

        func run() throws {
            let rules = options.load()
            let report = RuleChecker().check(rules)
            for warning in report.warnings { warn(warning.description) }
            for problem in report.problems {
                FileHandle.standardError.write(Data("secretradar: problem: \(problem)\n".utf8))
            }
            let verdict = report.passed ? "ok" : "FAILED"
            print(
                "\(verdict): \(report.ruleCount) rules over \(report.serviceCount) services, \(report.exampleCount) examples, \(report.problems.count) problems, \(report.warnings.count) warnings"
            )
            if !report.passed { throw ExitCode(ExitStatus.findings) }
        }
    }
}
