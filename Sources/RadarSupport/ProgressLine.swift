import Foundation

/// A one-line status on stderr, redrawn in place; only when stderr is a terminal.
public final class ProgressLine: @unchecked Sendable {
    /// Whether it draws at all (callers pass: stderr is a terminal and progress was not turned off).
    public let enabled: Bool
    let unit: String
    private let lock = NSLock()
    private var drawn = false
    private let start = DispatchTime.now().uptimeNanoseconds

    public init(enabled: Bool, unit: String = "files") {
        self.enabled = enabled
        self.unit = unit
    }

    /// Redraws the line: `done` of `total` units, `bytes` read, `matches` so far.
    public func show(done: Int, total: Int, bytes: Int, matches: Int) {
        let mb = Double(bytes) / 1_048_576
        let seconds = max(0.001, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        let line = String(
            format: "\r\u{1B}[2Kscanning: %d/%d %@, %.1f MiB, %.0f MiB/s, %d matches", done, total, unit, mb, mb / seconds, matches)
        lock.lock()
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
        lock.unlock()
    }

    /// Erases the line, if one was drawn, before other output.
    public func clear() {
        lock.lock()
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        lock.unlock()
    }
}
