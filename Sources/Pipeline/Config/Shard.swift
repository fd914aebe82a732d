/// One of `count` equal parts of the Projects (`reconcile --shard INDEX/COUNT`), so a
/// Kubernetes Indexed Job or a CI matrix can run the parts side by side. A Project
/// belongs to shard `fnv1a64(name) % count`: the same on every run and every machine,
/// and the same with any set of other Projects, so adding one never moves the rest.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// This shard's number, `0 ..< count`.
    public let index: Int
    /// How many shards the Projects are split into, at least 1.
    public let count: Int

    /// - Precondition: `0 <= index < count` (use `init(parsing:)` for input).
    public init(index: Int, count: Int) {
        precondition(count >= 1 && (0..<count).contains(index), "shard \(index)/\(count) out of range")
        self.index = index
        self.count = count
    }

    /// Reads `INDEX/COUNT`, e.g. `2/4`.
    ///
    /// - Throws: `ShardSyntaxError` saying what is wrong with `text`.
    public init(parsing text: String) throws(ShardSyntaxError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
            throw ShardSyntaxError(text: text, reason: "expected INDEX/COUNT, two whole numbers such as 0/4")
        }
        guard count >= 1 else { throw ShardSyntaxError(text: text, reason: "COUNT must be at least 1") }
        guard index < count else {
            throw ShardSyntaxError(text: text, reason: "INDEX must be below COUNT (0 to \(count - 1) for \(count) shards)")
        }
        self.init(index: index, count: count)
    }

    /// Whether `project` hashes to this shard.
    public func contains(project: String) -> Bool {
        Self.shard(of: project, count: count) == index
    }

    /// The shard `project` belongs to out of `count`.
    public static func shard(of project: String, count: Int) -> Int {
        Int(fnv1a64(project) % UInt64(count))
    }

    /// 64-bit FNV-1a of the name's UTF-8 bytes (offset basis 0xcbf29ce484222325, prime
    /// 0x100000001b3): small, specified, and the same in any language, so a script can
    /// tell which shard holds a Project.
    public static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    public var description: String { "\(index)/\(count)" }
}

/// A `--shard` value that is not `INDEX/COUNT` with `0 <= INDEX < COUNT`.
public struct ShardSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var text: String
    public var reason: String

    public var description: String { "--shard \(text): \(reason)" }
}
