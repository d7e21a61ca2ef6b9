/// What a tree entry points at, from its mode.
public enum TreeEntryKind: Sendable {
    case tree, blob, symlink, submodule
}

/// Parses a raw tree object: repeated `<octal mode> <name>\0<20-byte id>`.
///
/// Parsing the raw bytes ourselves (rather than `git_tree_lookup`) allocates nothing per entry and
/// lets a walk skip a subtree without building it. Returns false on a malformed tree.
@discardableResult
func forEachTreeEntry(_ raw: UnsafeRawBufferPointer, _ body: (TreeEntryKind, UnsafeRawBufferPointer, ObjectID) -> Void) -> Bool {
    guard let base = raw.baseAddress else { return raw.isEmpty }
    let bytes = base.assumingMemoryBound(to: UInt8.self)
    let end = raw.count
    var i = 0
    while i < end {
        var mode = 0
        while i < end, bytes[i] != 0x20 {
            let d = Int(bytes[i]) - 48
            guard d >= 0, d < 8 else { return false }
            mode = mode << 3 | d
            i += 1
        }
        i += 1
        let nameStart = i
        while i < end, bytes[i] != 0 { i += 1 }
        guard i + 21 <= end else { return false }
        let name = UnsafeRawBufferPointer(start: base + nameStart, count: i - nameStart)
        let id = ObjectID(bytes: base + i + 1)
        i += 21
        let kind: TreeEntryKind
        switch mode & 0o170000 {
        case 0o040000: kind = .tree
        case 0o120000: kind = .symlink
        case 0o160000: kind = .submodule
        default: kind = .blob
        }
        body(kind, name, id)
    }
    return true
}
