import Foundation
import PackagePlugin

/// Embeds the rule pack (`patterns/*.yml` and its README) into `RadarRules` at build time, so a
/// binary copied anywhere carries its rules (issue 20; docs/rule-checking.md). The files are the
/// inputs: editing one rebuilds the embedded copy.
@main
struct EmbedRules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let patterns = context.package.directoryURL.appendingPathComponent("patterns")
        let names = try FileManager.default.contentsOfDirectory(atPath: patterns.path)
            .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") || $0 == "README.md" }.sorted()
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedRulePack.swift")
        return [
            .buildCommand(
                displayName: "Embedding the rule pack (\(names.count) files)",
                executable: try context.tool(named: "EmbedRulesTool").url,
                arguments: [patterns.path, output.path],
                inputFiles: names.map { patterns.appendingPathComponent($0) },
                outputFiles: [output])
        ]
    }
}
