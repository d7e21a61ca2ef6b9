import RadarGit

extension RepositoryConfig {
    /// The settings of a git scan or hook of the repository at `path` (nil: the one the
    /// environment names, as in a hook). With a work tree, its files. Without one (a server's bare
    /// repository, a `--clone` mirror), the files at the default branch's tip: what was accepted
    /// before, never what a push brings, so a push cannot allowlist its own secrets.
    /// A repository that does not open has no settings here; the scan reports why it did not open.
    public static func load(explicit: String?, repository path: String?) throws(ConfigError) -> RepositoryConfig? {
        guard let repo = try? GitRepository(path: path) else { return try load(explicit: explicit, root: nil) }
        if let tree = repo.workTree { return try load(explicit: explicit, root: BaselinePaths.absolute(tree)) }
        if explicit != nil { return try load(explicit: explicit, root: nil) }
        guard let tip = repo.defaultBranchTip() else { return nil }
        let blobs: [String: ObjectID]
        do { blobs = try repo.blobsAtDefaultTip([fileName, ignoreFileName]) } catch {
            throw ConfigError(file: "\(tip.branch):\(fileName)", line: 1, message: "the default branch's tree cannot be read: \(error)")
        }
        func text(_ name: String) throws(ConfigError) -> String? {
            guard let id = blobs[name] else { return nil }
            let label = "\(tip.branch):\(name)"
            let bytes: [UInt8]
            do { bytes = try repo.read(id).bytes } catch { throw ConfigError(file: label, line: 1, message: "cannot be read: \(error)") }
            guard bytes.count <= 1 << 20 else { throw ConfigError(file: label, line: 1, message: "larger than 1 MiB: not a settings file") }
            guard let s = String(validating: bytes, as: UTF8.self) else {
                throw ConfigError(file: label, line: 1, message: "not UTF-8 text")
            }
            return s
        }
        var config: RepositoryConfig?
        if let s = try text(fileName) { config = try parse(s, file: "\(tip.branch):\(fileName)", base: nil) }
        if let s = try text(ignoreFileName) {
            var c = config ?? RepositoryConfig()
            try c.addIgnoreFile(s, file: "\(tip.branch):\(ignoreFileName)")
            config = c
        }
        return config
    }
}
