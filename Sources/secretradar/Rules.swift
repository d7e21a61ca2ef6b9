import ArgumentParser
import Foundation
import RadarEngine
import RadarMatch
import RadarModel
import RadarRules

/// `secretradar rules …`: inspect and check the rule pack.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List or check detection rules.",
        subcommands: [List.self, Check.self, Export.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the rule pack built into this binary to a directory, to read, change, and pass back with --rules.",
            discussion:
                "Refuses to overwrite a rule file already in the directory. Exit codes: 0 written; 2 the directory cannot be written.")

        @Argument(help: ArgumentHelp("Where to write the pack's files.", valueName: "dir"))
        var directory: String

        func run() throws {
            let count: Int
            do { count = try EmbeddedRules.export(to: directory) } catch { fail("\(directory): \(error.localizedDescription)") }
            note("\(count) files of the built-in rule pack written to \(directory)")
        }
    }

    /// Options shared by the rules subcommands.
    struct RulesOptions: ParsableArguments {
        @OptionGroup var rulesOption: RulesOption
        var rules: String? { rulesOption.rules }

        func load() -> [Rule] {
            let path = Resources.rulesDirectory(explicit: rules)
            do { return try RuleLoader.load(path: path, extra: rulesOption.extraRules, cacheDirectory: nil) } catch {
                fail(error.description)
            }
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
            case .json: FileHandle.standardOutput.write(RuleListing.json(rules))
            case .text:
                let matcher: Matcher
                do { matcher = try Matcher(rules: rules) } catch { fail(error.description) }
                FileHandle.standardOutput.write(Data(RuleListing.text(rules, matcher: matcher).utf8))
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
