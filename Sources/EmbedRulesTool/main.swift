import Foundation

// Writes `EmbeddedRulePack.swift`: every rule file of PATTERNS as base64 (no escaping question can
// arise, whatever a pattern holds), with the pack's digest. Run by the EmbedRules build plugin.
let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: EmbedRulesTool PATTERNS OUTPUT\n".utf8))
    exit(2)
}
let directory = arguments[1]
let names = try FileManager.default.contentsOfDirectory(atPath: directory)
    .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") || $0 == "README.md" }.sorted()
var source = """
    // Generated at build time by EmbedRulesTool from patterns/: do not edit.

    extension EmbeddedRules {
        static let encodedFiles: [(name: String, base64: String)] = [

    """
for name in names {
    let data = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name))
    source += "        (\"\(name)\", \"\(data.base64EncodedString())\"),\n"
}
source += "    ]\n}\n"
let output = URL(fileURLWithPath: arguments[2])
let existing = try? Data(contentsOf: output)
if existing != Data(source.utf8) { try Data(source.utf8).write(to: output, options: .atomic) }
